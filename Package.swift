// swift-tools-version:6.2
// Densho (伝承): skills, OJT and knowledge-transfer manager for small manufacturers.
//
// Modules depend one way:
//   C system libraries → DenshoDomain (pure, no I/O)
//   → DenshoLanguage (MeCab readings) → DenshoStore / DenshoInterchange / DenshoMedia / DenshoPrint
//   → DenshoWeb → DenshoCLI → `densho` executable (wiring only).
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Densho",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "densho", targets: ["densho"]),
        .executable(name: "densho-media", targets: ["densho-media"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // Pure domain: skill maps, career paths, analysis. No I/O, no database.
        .target(name: "DenshoDomain", swiftSettings: strict),
        // FFmpeg 5.1's libraries (Debian libav*-dev), with a shim for macros.
        .systemLibrary(
            name: "CFFmpeg", pkgConfig: "libavformat libavcodec libavfilter libswscale libswresample libavutil",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libavfilter-dev", "libswscale-dev", "libswresample-dev"])]
        ),
        // SHA-256 with the x86 SHA extensions (portable C otherwise): originals are hashed on upload,
        // backup and verify.
        .target(name: "CSHA256", cSettings: [.unsafeFlags(["-O3"])]),
        // The media library without libav: originals named by hash, sniffing uploads, sweeps, and
        // the client side of `densho-media` (the only program that links FFmpeg).
        .target(name: "DenshoMedia", dependencies: ["CSHA256", "DenshoDomain"], swiftSettings: strict),
        // libav itself: probe, one-pass transcode, storyboard, stills, demo clips.
        .target(name: "DenshoCodec", dependencies: ["CFFmpeg", "DenshoMedia", "DenshoDomain"], swiftSettings: strict),
        // cairo + pango (PDF with embedded Noto CJK fonts) and libqrencode, for printed sheets.
        .systemLibrary(name: "CCairo", pkgConfig: "pangocairo", providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // libxlsxwriter writes the 力量表 workbook; zlib inflates workbooks read back.
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Printed sheets: career paths, development sheets, 作業標準書 with QR codes, the skill-map PDF.
        .target(name: "DenshoPrint", dependencies: ["CCairo", "CQRencode", "DenshoDomain"], swiftSettings: strict),
        // CSV import/export (UTF-8 with/without BOM, Shift_JIS/CP932) and the 力量表 workbook (xlsx).
        .target(name: "DenshoInterchange", dependencies: ["DenshoDomain", "CXlsxWriter", "CZlib"], swiftSettings: strict),
        // MeCab (Debian libmecab-dev with mecab-ipadic-utf8): readings of Japanese text for search and furigana.
        .systemLibrary(name: "CMeCab", providers: [.apt(["libmecab-dev", "mecab-ipadic-utf8"])]),
        .target(name: "DenshoLanguage", dependencies: ["CMeCab", "DenshoDomain"], swiftSettings: strict),
        // All SQL lives here: GRDB on the system SQLite, migrations, audit log, FTS5 search.
        .target(
            name: "DenshoStore",
            dependencies: ["DenshoDomain", "DenshoLanguage", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        // copy_file_range(2) and sync_file_range(2), which Swift's Glibc module does not show.
        .target(name: "CFileCopy"),
        // Backups that keep the videos: content-addressed snapshots, verify and restore.
        .target(
            name: "DenshoBackup", dependencies: ["CFileCopy", "DenshoDomain", "DenshoStore", "DenshoMedia"], swiftSettings: strict
        ),
        // The web app and JSON API (`densho serve`): pages, sessions, uploads, video delivery.
        .target(
            name: "DenshoWeb",
            dependencies: [
                "DenshoDomain", "DenshoStore", "DenshoMedia", "DenshoPrint", "DenshoInterchange", "DenshoBackup",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
        // The `densho` command tree.
        .target(
            name: "DenshoCLI",
            dependencies: [
                "DenshoDomain", "DenshoInterchange", "DenshoStore", "DenshoMedia", "DenshoPrint", "DenshoWeb", "DenshoBackup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "densho", dependencies: ["DenshoCLI"], swiftSettings: strict),
        // The media worker `densho` runs as a child process: the one executable that links FFmpeg.
        .executableTarget(
            name: "densho-media",
            dependencies: ["DenshoCodec", "DenshoMedia", "DenshoDomain", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "densho-bench",
            dependencies: [
                "DenshoDomain", "DenshoInterchange", "DenshoStore", "DenshoMedia", "DenshoCodec", "DenshoPrint", "DenshoBackup",
            ],
            path: "Benchmarks/DenshoBench",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "densho-fuzz", dependencies: ["DenshoDomain"], path: "Benchmarks/DenshoFuzz", swiftSettings: strict
        ),
        .testTarget(name: "DenshoDomainTests", dependencies: ["DenshoDomain"], swiftSettings: strict),
        .testTarget(
            name: "DenshoInterchangeTests", dependencies: ["DenshoInterchange", "DenshoDomain", "DenshoStore", "DenshoTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DenshoStoreTests", dependencies: ["DenshoStore", "DenshoDomain"], swiftSettings: strict
        ),
        // Helpers shared by test targets: the CLI as a child process, clips made with the ffmpeg CLI.
        .target(name: "DenshoTestSupport", path: "Tests/DenshoTestSupport", swiftSettings: strict),
        .testTarget(name: "DenshoCLITests", dependencies: ["DenshoDomain", "DenshoTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "DenshoWebTests",
            dependencies: [
                "DenshoWeb", "DenshoStore", "DenshoDomain", "DenshoMedia", "DenshoCodec", "DenshoTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DenshoMediaTests", dependencies: ["DenshoMedia", "DenshoCodec", "DenshoDomain", "DenshoTestSupport"],
            swiftSettings: strict
        ),
        // Snapshots, verify and restore on real files and SQLite, and the built `densho` killed mid-backup.
        .testTarget(
            name: "DenshoBackupTests",
            dependencies: ["DenshoBackup", "DenshoStore", "DenshoMedia", "DenshoDomain", "DenshoTestSupport"],
            swiftSettings: strict
        ),
        // Sheets rendered from values (no store) and checked with poppler.
        .testTarget(
            name: "DenshoPrintTests", dependencies: ["DenshoPrint", "DenshoDomain", "DenshoTestSupport"], swiftSettings: strict
        ),
    ]
)
