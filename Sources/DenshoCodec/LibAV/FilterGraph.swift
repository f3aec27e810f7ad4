import CFFmpeg
import DenshoMedia

/// Owns an `AVFilterGraph` built from named sources (`buffer`/`abuffer`), named sinks and one
/// textual description linking them (`[vin]transpose=clock,split=2[a][b];…`).
final class FilterGraph {
    let graph: UnsafeMutablePointer<AVFilterGraph>
    private(set) var sources: [String: UnsafeMutablePointer<AVFilterContext>] = [:]
    private(set) var sinks: [String: UnsafeMutablePointer<AVFilterContext>] = [:]

    init(threads: Int32 = 1) throws {
        guard let graph = avfilter_graph_alloc() else { throw MediaError(.internalError, "cannot allocate a filter graph") }
        self.graph = graph
        graph.pointee.nb_threads = threads
    }

    private func create(_ filter: String, name: String, args: String?) throws -> UnsafeMutablePointer<AVFilterContext> {
        guard let definition = avfilter_get_by_name(filter) else { throw MediaError(.internalError, "filter \(filter) is missing") }
        var context: UnsafeMutablePointer<AVFilterContext>?
        try check(avfilter_graph_create_filter(&context, definition, name, args, nil, graph), .internalError,
                  "creating \(filter) (\(args ?? ""))")
        return context!
    }

    func addVideoSource(_ name: String, width: Int32, height: Int32, format: Int32, timeBase: AVRational,
                        aspect: AVRational) throws {
        let sar = aspect.num > 0 ? aspect : AVRational(num: 1, den: 1)
        sources[name] = try create(
            "buffer", name: name,
            args: "video_size=\(width)x\(height):pix_fmt=\(format):time_base=\(timeBase.num)/\(timeBase.den):pixel_aspect=\(sar.num)/\(sar.den)")
    }

    func addAudioSource(_ name: String, sampleRate: Int32, format: Int32, layout: String, timeBase: AVRational) throws {
        let formatName = String(cString: av_get_sample_fmt_name(AVSampleFormat(rawValue: format)))
        sources[name] = try create(
            "abuffer", name: name,
            args: "time_base=\(timeBase.num)/\(timeBase.den):sample_rate=\(sampleRate):sample_fmt=\(formatName):channel_layout=\(layout)")
    }

    func addVideoSink(_ name: String) throws { sinks[name] = try create("buffersink", name: name, args: nil) }
    func addAudioSink(_ name: String) throws { sinks[name] = try create("abuffersink", name: name, args: nil) }

    /// Links sources and sinks through `description` and configures the graph.
    func configure(_ description: String) throws {
        var outputs: UnsafeMutablePointer<AVFilterInOut>? = nil
        var inputs: UnsafeMutablePointer<AVFilterInOut>? = nil
        // The graph's open outputs are our sources' outputs, its open inputs our sinks' inputs.
        for (name, context) in sources { outputs = Self.prepend(name, context, to: outputs) }
        for (name, context) in sinks { inputs = Self.prepend(name, context, to: inputs) }
        defer {
            avfilter_inout_free(&inputs)
            avfilter_inout_free(&outputs)
        }
        try check(avfilter_graph_parse_ptr(graph, description, &inputs, &outputs, nil), .internalError,
                  "filter graph '\(description)'")
        try check(avfilter_graph_config(graph, nil), .internalError, "configuring the filter graph")
    }

    private static func prepend(_ name: String, _ context: UnsafeMutablePointer<AVFilterContext>, to list: UnsafeMutablePointer<AVFilterInOut>?)
        -> UnsafeMutablePointer<AVFilterInOut>
    {
        let entry = avfilter_inout_alloc()!
        entry.pointee.name = av_strdup(name)
        entry.pointee.filter_ctx = context
        entry.pointee.pad_idx = 0
        entry.pointee.next = list
        return entry
    }

    /// Feeds a frame (nil at end of stream) into a source; the frame keeps its data.
    func push(_ frame: Frame?, to source: String) throws {
        let flags = Int32(AV_BUFFERSRC_FLAG_KEEP_REF)
        try check(av_buffersrc_add_frame_flags(sources[source]!, frame?.pointer, flags),
                  .internalError, "filtering failed")
    }

    /// Takes every frame a sink has ready, handing each to `body`. Returns false at end of stream.
    @discardableResult
    func drain(_ sink: String, into frame: Frame, _ body: (Frame) throws -> Void) throws -> Bool {
        let context = sinks[sink]!
        while true {
            let result = av_buffersink_get_frame(context, frame.pointer)
            if result == densho_averror_eagain() { return true }
            if result == densho_averror_eof() { return false }
            try check(result, .internalError, "reading filtered frames")
            try body(frame)
            frame.unref()
        }
    }

    func sinkContext(_ name: String) -> UnsafeMutablePointer<AVFilterContext> { sinks[name]! }

    deinit {
        var graph: UnsafeMutablePointer<AVFilterGraph>? = graph
        avfilter_graph_free(&graph)
    }
}
