import DenshoDomain
import DenshoMedia
import DenshoStore
import Foundation
import Testing
@testable import DenshoWeb

/// The sweep over a real database file and real files: what it removes, and above all what it keeps.
@Suite("Sweeping abandoned uploads and unreferenced files")
struct SweepTests {
    static func write(_ path: String, age seconds: Double, directory: Bool = false) throws {
        try FileManager.default.createDirectory(
            atPath: directory ? path : (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data((directory ? "renditions" : "bytes").utf8).write(to: URL(fileURLWithPath: directory ? path + "/clip.mp4" : path))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -seconds)], ofItemAtPath: path)
    }

    static func exists(_ fixture: WebFixture, _ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: fixture.directory + "/" + relative)
    }

    static func hash(_ character: Character) -> String { String(repeating: character, count: 64) }

    @Test func abandonedUploadsAndUnreferencedFilesGoEverythingElseStays() async throws {
        let fixture = try await WebFixture()
        let store = fixture.store
        let hanawa = try await fixture.company("hanawa")
        let account = try await fixture.account("hanawa-staff")
        let day = 24 * 3600.0, now = Date()
        func upload(createdAgo: Double, writtenAgo: Double?) async throws -> Upload {
            let upload = Upload(id: Tokens.random(bytes: 16), companyID: hanawa.id, accountID: account.id, length: 100,
                                fileName: "a.mp4", title: "a", tags: [], createdAt: now.timeIntervalSince1970 - createdAgo)
            try await store.createUpload(upload)
            if let writtenAgo { try Self.write(fixture.directory + "/" + upload.partPath, age: writtenAgo) }
            return upload
        }
        let abandoned = try await upload(createdAgo: 2 * day, writtenAgo: 2 * day)
        let lost = try await upload(createdAgo: 2 * day, writtenAgo: nil)  // its part file is gone
        let resumed = try await upload(createdAgo: 2 * day, writtenAgo: 60)  // an old upload still being sent
        let fresh = try await upload(createdAgo: 10, writtenAgo: 10)
        try Self.write(fixture.directory + "/uploads/0123456789abcdef.part", age: 2 * day)  // no record at all

        // Originals: a referenced one (the ready clip's), a failed clip's (kept: a clip that fails
        // keeps its original), unreferenced old and young ones, an interrupted copy, a file not ours.
        let ready = try await fixture.readyClip()
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -2 * day)],
                                              ofItemAtPath: fixture.directory + "/" + ready.originalPath)
        let failed = try await fixture.failedClip(company: hanawa, owner: nil, tag: "sweep")
        try Self.write(fixture.directory + "/" + failed.originalPath, age: 2 * day)
        let orphan = MediaPaths.original(hash: Self.hash("e"), extension: "mp4")
        let young = MediaPaths.original(hash: Self.hash("f"), extension: "mov")
        let incoming = "originals/ee/.incoming-0C1D"
        let foreign = "originals/ee/notes.txt"
        try Self.write(fixture.directory + "/" + orphan, age: 2 * 3600)
        try Self.write(fixture.directory + "/" + young, age: 60)
        try Self.write(fixture.directory + "/" + incoming, age: 2 * 3600)
        try Self.write(fixture.directory + "/" + foreign, age: 2 * day)

        // Renditions: the ready clip's (old, kept), those of a clip that no longer exists, a half-placed set.
        let readyRenditions = fixture.directory + "/" + ready.renditionDirectory
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -2 * day)], ofItemAtPath: readyRenditions)
        try Self.write(fixture.directory + "/renditions/999999", age: 2 * 3600, directory: true)
        try Self.write(fixture.directory + "/renditions/999998", age: 60, directory: true)
        try Self.write(fixture.directory + "/renditions/.7-staging", age: 2 * 3600, directory: true)

        let report = try await MediaSweep().run(store: store, library: MediaLibrary(root: fixture.directory), now: now)

        #expect(Set(report.uploads) == [abandoned.id, lost.id])
        for gone in [abandoned, lost] {
            #expect(try await store.upload(gone.id, company: hanawa.id) == nil)
            #expect(!Self.exists(fixture, gone.partPath))
        }
        for kept in [resumed, fresh] {
            #expect(try await store.upload(kept.id, company: hanawa.id) != nil)
            #expect(Self.exists(fixture, kept.partPath))
        }
        #expect(!Self.exists(fixture, "uploads/0123456789abcdef.part"))
        #expect(Set(report.files) == ["uploads/0123456789abcdef.part", orphan, incoming, "renditions/999999", "renditions/.7-staging"])
        for kept in [ready.originalPath, failed.originalPath, young, foreign, ready.renditionDirectory + "/clip.mp4", "renditions/999998"] {
            #expect(Self.exists(fixture, kept), "\(kept) must stay")
        }
        for gone in [orphan, incoming, "renditions/999999", "renditions/.7-staging"] {
            #expect(!Self.exists(fixture, gone), "\(gone) must go")
        }
        // A second sweep finds nothing more.
        #expect(try await MediaSweep().run(store: store, library: MediaLibrary(root: fixture.directory), now: now).isEmpty)
    }

    /// A clip deleted soon after it was stored leaves its original to the sweep, which takes it
    /// once it is an hour old; an upload storing the same bytes again makes it young again.
    @Test func aYoungOriginalOfADeletedClipGoesWithALaterSweep() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let library = MediaLibrary(root: fixture.directory)
        let source = fixture.directory + "/source.mp4"
        try Data("a clip deleted at once".utf8).write(to: URL(fileURLWithPath: source))
        let stored = try library.storeOriginal(from: source, name: "source.mp4")
        let (clip, _) = try await fixture.store.addClip(
            Clip(id: .init(0), companyID: hanawa.id, ownerID: nil, title: "間違えた動画", originalHash: stored.hash,
                 originalExtension: stored.fileExtension, originalName: "source.mp4", originalSize: stored.size),
            by: "test")
        let removal = try await fixture.store.removeClip(clip.id, company: hanawa.id, by: "test")
        #expect(library.removeFiles(of: removal) == false)
        #expect(Self.exists(fixture, clip.originalPath), "young: left to the sweep")

        #expect(try await MediaSweep().run(store: fixture.store, library: library).files.isEmpty)
        // Stored again (another upload of the same bytes): young again, kept by a sweep that would have taken it.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -7200)],
                                              ofItemAtPath: fixture.directory + "/" + clip.originalPath)
        #expect(try library.storeOriginal(from: source, name: "source.mp4").existed)
        #expect(try await MediaSweep().run(store: fixture.store, library: library).files.isEmpty)
        let later = try await MediaSweep().run(store: fixture.store, library: library, now: Date(timeIntervalSinceNow: 7200))
        #expect(later.files.contains(clip.originalPath))
        #expect(!Self.exists(fixture, clip.originalPath))
    }
}
