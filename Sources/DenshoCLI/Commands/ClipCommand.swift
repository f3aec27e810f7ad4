import ArgumentParser
import DenshoDomain
import DenshoMedia
import Foundation

struct ClipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clip", abstract: "Manage training clips (教育動画): add, list, tag, chapter, retry, remove, sweep.",
        subcommands: [Add.self, List.self, Show.self, Tag.self, ChapterAdd.self, Retry.self, Remove.self, Sweep.self],
        defaultSubcommand: List.self)

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store video files (once, by content) and queue them for processing by `densho worker`.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Video files.", completion: .file()) var files: [String]
        @Option(help: "Title (default: the file name).") var title: String?
        @Option(help: "What the clip shows.") var description: String = ""
        @Option(help: "Tag (repeatable).") var tag: [String] = []
        @Option(help: "Skill the clip teaches: code or name (repeatable).") var skill: [String] = []
        @Option(help: "Who shot it: 社員番号 or name.") var by: String?

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            var skills: [Skill.ID] = []
            for s in skill { skills.append(try await resolver.skill(s).id) }
            let owner = try await by.asyncMap { try await resolver.employee($0) }
            let library = MediaLibrary(root: options.resolvedDataDirectory)
            for file in files {
                guard FileManager.default.isReadableFile(atPath: file) else { throw CLIError.message("cannot read \(file)") }
                let name = (file as NSString).lastPathComponent
                let stored = try library.storeOriginal(from: file, name: name)
                let clipTitle = title.map { files.count > 1 ? "\($0) (\(name))" : $0 } ?? (name as NSString).deletingPathExtension
                let (clip, isNew) = try await context.store.addClip(
                    Clip(id: .init(0), companyID: company.id, ownerID: owner?.id, title: clipTitle, description: description,
                         tags: tag, skillIDs: skills, originalHash: stored.hash, originalExtension: stored.fileExtension,
                         originalName: name, originalSize: stored.size),
                    by: context.actor)
                print(isNew ? "#\(clip.id) \(clip.title): queued for processing"
                            : "#\(clip.id) \(clip.title): this file is already in the library")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List clips with their processing status.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only clips with this status: uploaded, processing, ready or failed.") var status: ClipStatus?

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let employees = try await resolver.employeesByID()
            var table = DataTable([("id", "ID"), ("title", "タイトル"), ("status", "状態"), ("duration", "長さ"), ("size", "サイズ"),
                                   ("by", "撮影者"), ("tags", "タグ"), ("reason", "理由")])
            for clip in try await context.store.clips(company: company.id, status: status) {
                table.append([.int(Int(clip.id.rawValue)), .text(clip.title), .text(clip.status.label),
                              Cell(clip.manifest.map { String(format: "%.1f秒", $0.duration) }),
                              Cell(clip.manifest.map { "\($0.width)×\($0.height)" }), Cell(clip.ownerID.flatMap { employees[$0]?.name }),
                              .text(clip.tags.joined(separator: " ")), Cell(clip.failureReason)])
            }
            context.output.print(table)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a clip: status, chapters, files.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Clip ID.") var id: Int64

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let clip = try await ClipCommand.clip(id, context: context, company: company)
            let chapters = try await context.store.chapters(of: clip.id, company: company.id)
            if options.format == .json {
                struct Detail: Encodable { var clip: Clip; var chapters: [Chapter] }
                return context.output.printJSON(Detail(clip: clip, chapters: chapters))
            }
            let jobs = try await context.store.jobs(clip: clip.id)
            print(Terminal.paint("#\(clip.id) \(clip.title)", .bold) + "  \(clip.status.label)"
                + (clip.failureReason.map { "  理由: \($0)" } ?? ""))
            if let job = jobs.last, job.state == .running || job.state == .queued {
                print(String(format: "処理: %@ %.0f%% (試行 %d/%d)", job.state.rawValue, job.progress * 100, job.attempts, job.maxAttempts))
            }
            print("元ファイル: \(clip.originalName) (\(clip.originalSize / 1024) KiB) → \(clip.originalPath)")
            if let m = clip.manifest {
                print(String(format: "再生用: %@/%@ %d×%d %.1f秒%@", clip.renditionDirectory, m.video, m.width, m.height, m.duration,
                             m.hasAudio ? "" : " 音声なし"))
            }
            var table = DataTable([("time", "時刻"), ("title", "章"), ("kind", "")])
            for c in chapters { table.append([.text(ClipTime.clock(c.time)), .text(c.title), .text(c.suggested ? "自動" : "")]) }
            print()
            context.output.print(table)
        }
    }

    struct Tag: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or remove tags.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Clip ID.") var id: Int64
        @Option(help: "Tag to add (repeatable).") var add: [String] = []
        @Option(help: "Tag to remove (repeatable).") var remove: [String] = []

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            var clip = try await ClipCommand.clip(id, context: context, company: company)
            clip.tags = clip.tags.filter { !remove.contains($0) } + add.filter { !clip.tags.contains($0) }
            try await context.store.updateClip(clip, by: context.actor)
            print("#\(clip.id): \(clip.tags.joined(separator: " "))")
        }
    }

    struct ChapterAdd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "chapter", abstract: "Add a chapter at a time (seconds or m:ss).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Clip ID.") var id: Int64
        @Argument(help: "Time: 75, 1:15 or 0:01:15.") var time: String
        @Argument(help: "Chapter title (e.g. 段取り).") var title: String

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let clip = try await ClipCommand.clip(id, context: context, company: company)
            guard let seconds = ClipTime.seconds(time) else { throw ValidationError("'\(time)' is not a time (75, 1:15)") }
            if let duration = clip.manifest?.duration, seconds > duration {
                throw CLIError.message("\(time) is past the end of the clip (\(ClipTime.clock(duration)))")
            }
            _ = try await context.store.addChapter(
                Chapter(id: .init(0), clipID: clip.id, time: seconds, title: title, suggested: false), company: company.id, by: context.actor)
            print("#\(clip.id) \(ClipTime.clock(seconds)) \(title)")
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a failed clip for processing again.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Clip ID.") var id: Int64

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            try await context.store.retryClip(Clip.ID(id), company: company.id, by: context.actor)
            print("#\(id): queued again")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a clip, its renditions and (unless another clip uses it) its original.",
            discussion: "Refused while a manual with an approved revision shows the clip.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Clip ID.") var id: Int64

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let clip = try await ClipCommand.clip(id, context: context, company: company)
            let removal = try await context.store.removeClip(clip.id, company: company.id, by: context.actor)
            let originalRemoved = MediaLibrary(root: options.resolvedDataDirectory).removeFiles(of: removal)
            print("#\(id) removed" + (originalRemoved || removal.originalInUse ? "" : " (its original goes with the next sweep)"))
        }
    }

    struct Sweep: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove abandoned uploads, originals no clip uses and renditions of removed clips (every company).",
            discussion: "`densho serve` sweeps by itself every hour. Files younger than an hour are always kept.")
        @OptionGroup var options: GlobalOptions
        @Option(name: .customLong("stale-upload-hours"), help: "Hours without a byte after which an unfinished upload is removed.")
        var staleUploadHours: Double = MediaSweep().staleUploadAge / 3600

        func run() async throws {
            let context = try CLIContext(options)
            let report = try await MediaSweep(staleUploadAge: staleUploadHours * 3600)
                .run(store: context.store, library: MediaLibrary(root: options.resolvedDataDirectory))
            for file in report.files { print(file) }
            print("\(report.uploads.count) abandoned upload(s), \(report.files.count) file(s) removed")
        }
    }

    static func clip(_ id: Int64, context: CLIContext, company: Company) async throws -> Clip {
        guard let clip = try await context.store.clip(Clip.ID(id), company: company.id) else {
            throw CLIError.message("no clip #\(id) in \(company.code) (see `densho clip list`)")
        }
        return clip
    }

    /// `75`, `1:15`, `0:01:15.5` → seconds.

}

extension ClipStatus: ExpressibleByArgument {}
