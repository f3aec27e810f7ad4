/// What a clip is, read from its container and streams without decoding.
public struct MediaProbe: Codable, Sendable, Equatable {
    public struct Video: Codable, Sendable, Equatable {
        public var codec: String
        /// Coded size, before rotation.
        public var width: Int
        public var height: Int
        /// Clockwise rotation the player must apply (0, 90, 180, 270), from the display matrix.
        public var rotation: Int
        /// Average frame rate.
        public var frameRate: Double?
        /// Frame durations differ by more than 10% (phones record variable frame rate).
        public var variableFrameRate: Bool
        public var pixelFormat: String
        public var bitDepth: Int
        /// `pq` (HDR10, Dolby Vision) or `hlg` (iPhone HDR), nil for SDR.
        public var hdrTransfer: String?

        public init(codec: String, width: Int, height: Int, rotation: Int, frameRate: Double?, variableFrameRate: Bool,
                    pixelFormat: String, bitDepth: Int, hdrTransfer: String?) {
            self.codec = codec
            self.width = width
            self.height = height
            self.rotation = rotation
            self.frameRate = frameRate
            self.variableFrameRate = variableFrameRate
            self.pixelFormat = pixelFormat
            self.bitDepth = bitDepth
            self.hdrTransfer = hdrTransfer
        }

        /// Size as shown, after rotation.
        public var displayWidth: Int { rotation % 180 == 0 ? width : height }
        public var displayHeight: Int { rotation % 180 == 0 ? height : width }
    }

    public struct Audio: Codable, Sendable, Equatable {
        public var codec: String
        public var sampleRate: Int
        public var channels: Int

        public init(codec: String, sampleRate: Int, channels: Int) {
            self.codec = codec
            self.sampleRate = sampleRate
            self.channels = channels
        }
    }

    /// Container format (`mov,mp4,m4a,3gp,3g2,mj2`).
    public var container: String
    public var duration: Double?
    public var video: Video?
    public var audio: Audio?
    /// When the clip was recorded, as the container states it (ISO 8601).
    public var creationTime: String?

    public init(container: String, duration: Double?, video: Video?, audio: Audio?, creationTime: String?) {
        self.container = container
        self.duration = duration
        self.video = video
        self.audio = audio
        self.creationTime = creationTime
    }
}
