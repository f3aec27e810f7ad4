import CFFmpeg
import DenshoDomain
import DenshoMedia

extension ClipProcessor {
    /// Builds the filter graph from the first decoded frame, then the encoders and the MP4.
    ///
    ///     [vin] rotate → scale to rendition size → (tone-map HDR) → yuv420p → split
    ///        ├─ [venc]  the rendition
    ///        ├─ [vsb]   a frame per interval, tile size → storyboard
    ///        └─ [vsc]   160 px wide → scdet → scene changes
    ///     [ain] resample to 48 kHz stereo float → [aenc]
    ///
    /// Scaling comes before tone mapping so that HDR maths runs at 720p, not 4K.
    func setUp(firstFrame: Frame, timeBase: AVRational, audio: CodecContext?, audioTimeBase: AVRational?) throws {
        let f = firstFrame.pointer.pointee
        let rotation = probe.video?.rotation ?? 0
        let rotated = rotation % 180 == 0 ? (Int(f.width), Int(f.height)) : (Int(f.height), Int(f.width))
        outputSize = RenditionPlan.size(width: rotated.0, height: rotated.1, shortSide: options.shortSide)
        let tileHeight = max(2, Int((Double(options.tileWidth) * Double(rotated.1) / Double(rotated.0) / 2).rounded()) * 2)
        tileSize = (options.tileWidth, tileHeight)

        let graph = try FilterGraph(threads: Int32(options.filterThreads))
        try graph.addVideoSource("vin", width: f.width, height: f.height, format: f.format, timeBase: timeBase,
                                 aspect: f.sample_aspect_ratio)
        for sink in ["venc", "vsb", "vsc"] { try graph.addVideoSink(sink) }
        var chain: [String] = []
        switch rotation {
        case 90: chain.append("transpose=clock")
        case 180: chain.append("hflip,vflip")
        case 270: chain.append("transpose=cclock")
        default: break
        }
        chain.append("scale=\(outputSize.width):\(outputSize.height):flags=bicubic")
        if probe.video?.hdrTransfer != nil {
            chain.append("zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv")
        }
        chain.append("format=yuv420p,setsar=1,split=3[venc0][vsb0][vsc0]")
        var description = "[vin]" + chain.joined(separator: ",") + ";[venc0]null[venc];"
        // The first frame, then the first frame at least one interval after the last one taken: unlike
        // `fps`, this also gives short and single-frame clips a tile, and never more than duration/interval + 1.
        description += "[vsb0]select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,\(interval - 0.001))',"
            + "scale=\(tileSize.width):\(tileSize.height),format=yuvj420p[vsb];"
        description += "[vsc0]scale=160:-2,scdet=threshold=\(options.sceneThreshold)[vsc]"
        if let audio, let audioTimeBase {
            let a = audio.pointer.pointee
            try graph.addAudioSource("ain", sampleRate: a.sample_rate, format: a.sample_fmt.rawValue,
                                     layout: Self.layoutName(a.ch_layout), timeBase: audioTimeBase)
            try graph.addAudioSink("aenc")
            description += ";[ain]aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[aenc]"
        }
        try graph.configure(description)
        self.graph = graph

        let output = try OutputFile(path: temporary(Self.videoName))
        let sink = graph.sinkContext("venc")
        let sinkTimeBase = av_buffersink_get_time_base(sink)
        var rate = av_buffersink_get_frame_rate(sink)
        if rate.num <= 0, let fps = probe.video?.frameRate { rate = av_d2q(fps, 100_000) }
        let globalHeader = output.wantsGlobalHeader
        videoEncoder = try CodecContext.encoder(
            named: "libx264", options: ["preset": options.preset, "crf": String(options.crf), "profile": "high"]
        ) { c in
            c.pointee.width = av_buffersink_get_w(sink)
            c.pointee.height = av_buffersink_get_h(sink)
            c.pointee.pix_fmt = AV_PIX_FMT_YUV420P
            c.pointee.sample_aspect_ratio = AVRational(num: 1, den: 1)
            c.pointee.time_base = sinkTimeBase
            c.pointee.framerate = rate
            c.pointee.rc_max_rate = Int64(options.maxBitRate)
            let fps = rate.num > 0 && rate.den > 0 ? av_q2d(rate) : 30
            c.pointee.gop_size = Int32(max(1, (fps * options.keyframeInterval).rounded()))
            c.pointee.rc_buffer_size = Int32(options.maxBitRate * 2)
            c.pointee.thread_count = 0
            c.pointee.color_primaries = AVCOL_PRI_BT709
            c.pointee.color_trc = AVCOL_TRC_BT709
            c.pointee.colorspace = AVCOL_SPC_BT709
            if globalHeader { c.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        }
        videoStreamOut = try output.addStream(for: videoEncoder!)
        if hasAudio {
            let audioSink = graph.sinkContext("aenc")
            audioEncoder = try CodecContext.encoder(named: "aac") { c in
                c.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
                c.pointee.sample_rate = 48_000
                av_channel_layout_default(&c.pointee.ch_layout, 2)
                c.pointee.bit_rate = Int64(options.audioBitRate)
                c.pointee.time_base = av_buffersink_get_time_base(audioSink)
                if globalHeader { c.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
            }
            // AAC takes exactly frame_size samples per frame.
            av_buffersink_set_frame_size(audioSink, UInt32(audioEncoder!.pointer.pointee.frame_size))
            audioStreamOut = try output.addStream(for: audioEncoder!)
        }
        try output.writeHeader()
        self.output = output
        for frame in pendingAudio { try graph.push(frame, to: "ain") }
        pendingAudio = []
    }

    /// Writes an encoded video packet with its frame's duration (filters drop frame durations and
    /// x264 leaves packet durations unset). One packet is held back: see `finishVideo()`.
    func writeVideo(_ packet: Packet) throws {
        let pts = packet.pointer.pointee.pts
        packet.pointer.pointee.duration = frameDurations.removeValue(forKey: pts) ?? frameTicks
        if let held = heldPacket { try output!.write(held, stream: videoStreamOut) }
        let copy = Packet()
        try check(av_packet_ref(copy.pointer, packet.pointer), .internalError, "keeping a packet")
        heldPacket = copy
    }

    /// Writes the last packet in decode order with a duration that ends the track where the last
    /// frame ends. With variable frame rate, x264's decode timestamps lag further behind at the end
    /// than at the start; a plain frame duration would end the MP4 track early.
    func finishVideo() throws {
        guard let held = heldPacket else { return }
        held.pointer.pointee.duration = max(held.pointer.pointee.duration, lastPts + frameTicks - held.pointer.pointee.dts)
        try output!.write(held, stream: videoStreamOut)
        heldPacket = nil
    }

    /// A channel layout as `abuffer` parses it; unspecified orders get the default layout.
    static func layoutName(_ layout: AVChannelLayout) -> String {
        var layout = layout
        var fallback = AVChannelLayout()
        if layout.order == AV_CHANNEL_ORDER_UNSPEC {
            av_channel_layout_default(&fallback, layout.nb_channels)
            layout = fallback
        }
        return CStrings.filled(capacity: 128) { _ = av_channel_layout_describe(&layout, $0, $1) }
    }

    /// Takes what every sink has ready; a sink left undrained would make `split` buffer without bound.
    func drainAll() throws {
        guard let graph else { return }
        let videoTimeBase = av_buffersink_get_time_base(graph.sinkContext("venc"))
        try graph.drain("venc", into: filtered) { frame in
            guard let time = frame.seconds(in: videoTimeBase) else { return }
            if startTime == nil { startTime = time }
            let pts = frame.pointer.pointee.pts
            if let previous = previousPts, pts > previous {
                frameDurations[previous] = pts - previous
                frameTicks = pts - previous
            } else if previousPts == nil {
                let ticks = 1 / max(probe.video?.frameRate ?? 30, 1) / av_q2d(videoTimeBase)
                frameTicks = ticks.isFinite ? max(1, Int64(min(ticks.rounded(), 1e12))) : 1
            }
            previousPts = pts
            lastPts = max(lastPts, pts)
            videoEnd = max(videoEnd, time + Double(frameTicks) * av_q2d(videoTimeBase))
            if poster == nil && time - startTime! >= posterTime { poster = frame.clone() }
            lastFrame = frame.clone()
            frame.pointer.pointee.pict_type = AV_PICTURE_TYPE_NONE
            try videoEncoder!.encode(frame, into: encoded, writeVideo)
            if duration > 0 { progress?(min(1, (time - startTime!) / duration)) }
        }
        let tileTimeBase = av_buffersink_get_time_base(graph.sinkContext("vsb"))
        try graph.drain("vsb", into: filtered) { frame in
            guard let copy = frame.clone() else { return }
            tiles.append(copy)
            tileTimes.append(frame.seconds(in: tileTimeBase) ?? Double(tileTimes.count) * interval)
        }
        let sceneTimeBase = av_buffersink_get_time_base(graph.sinkContext("vsc"))
        try graph.drain("vsc", into: filtered) { frame in
            if frame.metadata("lavfi.scd.time") != nil, let time = frame.seconds(in: sceneTimeBase) {
                sceneChanges.append(.init(time: time, score: Double(frame.metadata("lavfi.scd.score") ?? "") ?? 0))
            }
        }
        if hasAudio {
            let audioTimeBase = av_buffersink_get_time_base(graph.sinkContext("aenc"))
            try graph.drain("aenc", into: filtered) { frame in
                if let time = frame.seconds(in: audioTimeBase) {
                    audioEnd = max(audioEnd, time + Double(frame.pointer.pointee.nb_samples) / 48_000)
                }
                try audioEncoder!.encode(frame, into: encoded) { try output!.write($0, stream: audioStreamOut) }
            }
        }
    }
}
