import CFFmpeg
import DenshoMedia
import Foundation

/// Makes short training-style clips for demo data with libav alone (no `ffmpeg` binary): one
/// coloured scene per work step with its title and 急所 as captions, hard cuts between steps (so
/// scene detection suggests chapters) and a quiet tone as sound.
public enum DemoClipMaker {
    public typealias Scene = DemoClips.Scene

    /// Fonts tried for Japanese captions; without any, scenes carry no text.
    static let fonts = [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    ]

    /// Writes an MP4 (H.264 + AAC, 1280×720, 30 fps) of `scenes` to `path`.
    public static func make(path: String, scenes: [Scene]) throws {
        LibAVLog.quiet()
        let font = fonts.first { FileManager.default.fileExists(atPath: $0) }
        let graph = try FilterGraph()
        try graph.addVideoSink("v")
        try graph.addAudioSink("a")
        var description = ""
        for (index, scene) in scenes.enumerated() {
            description += "color=c=\(scene.color):s=1280x720:r=30:d=\(scene.seconds)"
            if let font {
                description += ",drawtext=fontfile=\(font):text='\(escape(scene.title))':fontsize=72:fontcolor=white:x=(w-text_w)/2:y=h/3"
                description += ",drawtext=fontfile=\(font):text='\(escape(scene.caption))':fontsize=40:fontcolor=white@0.9"
                    + ":x=(w-text_w)/2:y=h/3+120"
                // A moving bar, so the picture is never still (like a real machine turning).
                description += ",drawbox=x='mod(t*240\\,w)':y=h-40:w=120:h=16:color=white@0.6:t=fill"
            }
            description += ",format=yuv420p[s\(index)];"
        }
        let total = scenes.map(\.seconds).reduce(0, +)
        description += scenes.indices.map { "[s\($0)]" }.joined() + "concat=n=\(scenes.count):v=1:a=0[v];"
        description += "sine=frequency=220:sample_rate=48000:duration=\(total),volume=0.2,"
            + "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[a]"
        try graph.configure(description)

        let temporary = path + ".partial"
        let output = try OutputFile(path: temporary)
        let globalHeader = output.wantsGlobalHeader
        let video = try CodecContext.encoder(named: "libx264", options: ["preset": "veryfast", "crf": "26"]) { c in
            c.pointee.width = 1280
            c.pointee.height = 720
            c.pointee.pix_fmt = AV_PIX_FMT_YUV420P
            c.pointee.time_base = av_buffersink_get_time_base(graph.sinkContext("v"))
            c.pointee.framerate = AVRational(num: 30, den: 1)
            if globalHeader { c.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        }
        let audio = try CodecContext.encoder(named: "aac") { c in
            c.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
            c.pointee.sample_rate = 48_000
            av_channel_layout_default(&c.pointee.ch_layout, 2)
            c.pointee.bit_rate = 96_000
            c.pointee.time_base = AVRational(num: 1, den: 48_000)
            if globalHeader { c.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        }
        av_buffersink_set_frame_size(graph.sinkContext("a"), UInt32(audio.pointer.pointee.frame_size))
        let videoStream = try output.addStream(for: video)
        let audioStream = try output.addStream(for: audio)
        try output.writeHeader()
        let frame = Frame()
        let packet = Packet()
        do {
            var open = (video: true, audio: true)
            while open.video || open.audio {
                if open.video {
                    open.video = try graph.drain("v", into: frame) { f in
                        try video.encode(f, into: packet) { try output.write($0, stream: videoStream) }
                    }
                }
                if open.audio {
                    open.audio = try graph.drain("a", into: frame) { f in
                        try audio.encode(f, into: packet) { try output.write($0, stream: audioStream) }
                    }
                }
            }
            try video.encode(nil, into: packet) { try output.write($0, stream: videoStream) }
            try audio.encode(nil, into: packet) { try output.write($0, stream: audioStream) }
            try output.finish()
            guard rename(temporary, path) == 0 else { throw MediaError(.output, "cannot write \(path)") }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// Text for drawtext inside a single-quoted filter argument.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\\\\\").replacingOccurrences(of: "'", with: "’")
            .replacingOccurrences(of: ":", with: "\\\\:").replacingOccurrences(of: "%", with: "\\\\%")
            .replacingOccurrences(of: ",", with: "\\,")
    }
}
