import DenshoCLI

await Densho.start()
