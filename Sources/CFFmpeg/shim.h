// FFmpeg 5.1 (Debian's libav*-dev) for Swift: the headers Densho's media core uses, and small
// functions for what Swift cannot import (function-like macros such as AVERROR, AV_NOPTS_VALUE).
#ifndef DENSHO_CFFMPEG_SHIM_H
#define DENSHO_CFFMPEG_SHIM_H

#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/display.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libavutil/dict.h>
#include <libavutil/sha.h>
#include <libswscale/swscale.h>
#include <libswresample/swresample.h>
#include <errno.h>

static inline int densho_averror(int errnum) { return AVERROR(errnum); }
static inline int densho_averror_eof(void) { return AVERROR_EOF; }
static inline int densho_averror_eagain(void) { return AVERROR(EAGAIN); }
static inline int64_t densho_nopts(void) { return AV_NOPTS_VALUE; }
static inline AVRational densho_time_base_q(void) { return AV_TIME_BASE_Q; }

/// The error text for a libav return code (av_err2str is a macro over a stack buffer).
static inline void densho_strerror(int code, char *buffer, size_t size) { av_strerror(code, buffer, size); }

/// Rotation requested by a stream's display matrix in degrees (counter-clockwise), or 0.
static inline double densho_stream_rotation(const AVStream *stream) {
    size_t size = 0;
    const uint8_t *matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (!matrix || size < 9 * sizeof(int32_t)) return 0;
    return av_display_rotation_get((const int32_t *)matrix);
}

#endif
