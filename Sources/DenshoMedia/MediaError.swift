import DenshoDomain
import Foundation

/// A media failure with a reason a person can read, carrying libav's own message where there is one.
public struct MediaError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// The file could not be opened or is not a media container.
        case unreadable
        /// No video stream (audio-only, or a renamed document).
        case noVideo
        /// The stream uses a codec this build cannot decode.
        case unsupportedCodec
        /// Decoding or encoding failed part-way (a truncated or damaged file).
        case corrupt
        /// Writing the outputs failed.
        case output
        /// The disk of the data folder is full: nothing wrong with the clip, another try after
        /// space is freed will work.
        case diskFull
        /// Something in the filter graph or encoder set-up failed.
        case internalError
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The same error, or `diskFull` where the operating system said the disk is full (a
    /// Foundation write, a rename, a libav write) — the one output failure a person can fix.
    public static func classify(_ error: any Error) -> any Error {
        if let media = error as? MediaError, media.kind == .diskFull { return media }
        return DiskSpace.isFull(error) ? MediaError(.diskFull, "\(error)") : error
    }

    public var description: String { message }

    /// What happened, in Japanese, for the people who shot the clip.
    public var summary: String {
        switch kind {
        case .unreadable: "動画ファイルとして読み込めません"
        case .noVideo: "映像が入っていません（音声のみ、または動画以外のファイル）"
        case .unsupportedCodec: "この形式の映像は扱えません"
        case .corrupt: "ファイルが壊れているか、途中で切れています"
        case .output: "変換した動画を保存できませんでした"
        case .diskFull: "保存先のディスクの空き容量が足りません。空きを作ると自動でやり直します"
        case .internalError: "変換中にエラーが起きました"
        }
    }

    /// The Japanese summary followed by the technical detail, as stored with a failed clip.
    public var reason: String { "\(summary) (\(message))" }
}
