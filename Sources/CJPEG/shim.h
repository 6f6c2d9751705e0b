#ifndef CJPEG_SHIM_H
#define CJPEG_SHIM_H
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

/*
 * libjpeg reports errors by calling error_exit, which must not return; the only way back to the caller is
 * longjmp, which Swift cannot do. Every libjpeg call that can fail therefore runs inside one of the
 * CJPEG_* functions below, each of which arms setjmp first. Warnings are treated as errors, and a progress
 * monitor refuses progressive files with more scans than `max_scans`.
 */

/// Status of a CJPEG_* call.
enum { CJPEG_OK = 0, CJPEG_FAILED = 1 };

/// Error manager with the jump target; `pub` must stay the first member.
typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    int code;
} CJPEG_error_manager;

/// Progress monitor that counts progressive scans; `pub` must stay the first member.
typedef struct {
    struct jpeg_progress_mgr pub;
    int max_scans;
    int too_many_scans;
} CJPEG_progress_monitor;

/// One decompression: the libjpeg struct with its error manager and progress monitor.
typedef struct {
    struct jpeg_decompress_struct info;
    CJPEG_error_manager error;
    CJPEG_progress_monitor progress;
} CJPEG_decoder;

static inline void CJPEG_error_exit(j_common_ptr info) {
    CJPEG_error_manager *error = (CJPEG_error_manager *)info->err;
    error->code = error->pub.msg_code;
    (*error->pub.format_message)(info, error->message);
    longjmp(error->jump, 1);
}

static inline void CJPEG_emit_message(j_common_ptr info, int level) {
    /* Level -1 is a warning (corrupt or truncated data); higher levels are trace output, ignored. */
    if (level < 0) {
        CJPEG_error_exit(info);
    }
}

static inline void CJPEG_output_message(j_common_ptr info) {
    (void)info; /* never print to stderr */
}

static inline void CJPEG_progress(j_common_ptr info) {
    CJPEG_progress_monitor *progress = (CJPEG_progress_monitor *)info->progress;
    if (info->is_decompressor) {
        int scan = ((j_decompress_ptr)info)->input_scan_number;
        if (scan > progress->max_scans) {
            CJPEG_error_manager *error = (CJPEG_error_manager *)info->err;
            progress->too_many_scans = 1;
            error->code = -1;
            snprintf(error->message, sizeof error->message,
                     "progressive JPEG has more than %d scans", progress->max_scans);
            longjmp(error->jump, 1);
        }
    }
}

static inline void CJPEG_install_error_manager(CJPEG_error_manager *error) {
    jpeg_std_error(&error->pub);
    error->pub.error_exit = CJPEG_error_exit;
    error->pub.emit_message = CJPEG_emit_message;
    error->pub.output_message = CJPEG_output_message;
    error->message[0] = 0;
    error->code = 0;
}

/// Allocates a decoder that refuses progressive files with more than `max_scans` scans; NULL when out of memory.
static inline CJPEG_decoder *CJPEG_decoder_create(int max_scans) {
    CJPEG_decoder *decoder = (CJPEG_decoder *)calloc(1, sizeof(CJPEG_decoder));
    if (decoder == NULL) {
        return NULL;
    }
    CJPEG_install_error_manager(&decoder->error);
    decoder->info.err = &decoder->error.pub;
    if (setjmp(decoder->error.jump)) {
        free(decoder);
        return NULL;
    }
    jpeg_create_decompress(&decoder->info);
    decoder->progress.pub.progress_monitor = CJPEG_progress;
    decoder->progress.max_scans = max_scans;
    decoder->info.progress = &decoder->progress.pub;
    return decoder;
}

static inline void CJPEG_decoder_destroy(CJPEG_decoder *decoder) {
    jpeg_destroy_decompress(&decoder->info);
    free(decoder);
}

/// Reads markers up to the first SOS; keeps APP1 segments (for Exif). `data` must outlive the decoder's use.
static inline int CJPEG_decoder_read_header(CJPEG_decoder *decoder, const unsigned char *data, unsigned long size) {
    if (setjmp(decoder->error.jump)) {
        return CJPEG_FAILED;
    }
    jpeg_mem_src(&decoder->info, data, size);
    jpeg_save_markers(&decoder->info, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(&decoder->info, TRUE);
    return CJPEG_OK;
}

/// Chooses output scale 1/`scale_denom` and colour space (RGB, or CMYK for CMYK/YCCK files), then starts.
static inline int CJPEG_decoder_start(CJPEG_decoder *decoder, unsigned int scale_num, unsigned int scale_denom, int want_cmyk) {
    if (setjmp(decoder->error.jump)) {
        return CJPEG_FAILED;
    }
    decoder->info.scale_num = scale_num;
    decoder->info.scale_denom = scale_denom;
    decoder->info.out_color_space = want_cmyk ? JCS_CMYK : JCS_RGB;
    decoder->info.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&decoder->info);
    return CJPEG_OK;
}

/// Reads every output row into `pixels` (rows of `row_stride` bytes), then reads up to EOI.
static inline int CJPEG_decoder_read_image(CJPEG_decoder *decoder, unsigned char *pixels, size_t row_stride) {
    if (setjmp(decoder->error.jump)) {
        return CJPEG_FAILED;
    }
    struct jpeg_decompress_struct *info = &decoder->info;
    while (info->output_scanline < info->output_height) {
        JSAMPROW rows[8];
        JDIMENSION count = 0;
        while (count < 8 && info->output_scanline + count < info->output_height) {
            rows[count] = pixels + (size_t)(info->output_scanline + count) * row_stride;
            count += 1;
        }
        if (jpeg_read_scanlines(info, rows, count) == 0) {
            decoder->error.code = JWRN_JPEG_EOF;
            snprintf(decoder->error.message, sizeof decoder->error.message, "no scanlines returned");
            return CJPEG_FAILED;
        }
    }
    jpeg_finish_decompress(info);
    return CJPEG_OK;
}

/// Growable malloc'd output buffer for the compressor; `pub` must stay the first member.
typedef struct {
    struct jpeg_destination_mgr pub;
    unsigned char *buffer;
    size_t capacity;
    size_t size;
} CJPEG_memory_destination;

static inline void CJPEG_destination_init(j_compress_ptr info) {
    CJPEG_memory_destination *destination = (CJPEG_memory_destination *)info->dest;
    destination->capacity = 64 * 1024;
    destination->buffer = (unsigned char *)malloc(destination->capacity);
    if (destination->buffer == NULL) {
        ERREXIT1(info, JERR_OUT_OF_MEMORY, 0);
    }
    destination->pub.next_output_byte = destination->buffer;
    destination->pub.free_in_buffer = destination->capacity;
}

static inline boolean CJPEG_destination_empty(j_compress_ptr info) {
    CJPEG_memory_destination *destination = (CJPEG_memory_destination *)info->dest;
    size_t used = destination->capacity;
    unsigned char *grown = (unsigned char *)realloc(destination->buffer, used * 2);
    if (grown == NULL) {
        ERREXIT1(info, JERR_OUT_OF_MEMORY, 1);
    }
    destination->buffer = grown;
    destination->capacity = used * 2;
    destination->pub.next_output_byte = grown + used;
    destination->pub.free_in_buffer = destination->capacity - used;
    return TRUE;
}

static inline void CJPEG_destination_term(j_compress_ptr info) {
    CJPEG_memory_destination *destination = (CJPEG_memory_destination *)info->dest;
    destination->size = destination->capacity - destination->pub.free_in_buffer;
}

/// One compression: the libjpeg struct with its error manager and output buffer.
typedef struct {
    struct jpeg_compress_struct info;
    CJPEG_error_manager error;
    CJPEG_memory_destination destination;
} CJPEG_encoder;

/// Encodes interleaved RGB rows as baseline JPEG with 4:2:0 chroma. On success `*output` is malloc'd
/// (caller frees) and `*output_size` set; on failure `message` (JMSG_LENGTH_MAX bytes) describes the error.
static inline int CJPEG_encode_rgb(const unsigned char *pixels, unsigned int width, unsigned int height,
                                   int quality, unsigned char **output, unsigned long *output_size,
                                   char *message) {
    *output = NULL;
    *output_size = 0;
    message[0] = 0;
    CJPEG_encoder *encoder = (CJPEG_encoder *)calloc(1, sizeof(CJPEG_encoder));
    if (encoder == NULL) {
        snprintf(message, JMSG_LENGTH_MAX, "out of memory");
        return CJPEG_FAILED;
    }
    CJPEG_install_error_manager(&encoder->error);
    encoder->info.err = &encoder->error.pub;
    if (setjmp(encoder->error.jump)) {
        memcpy(message, encoder->error.message, JMSG_LENGTH_MAX);
        jpeg_destroy_compress(&encoder->info);
        free(encoder->destination.buffer);
        free(encoder);
        return CJPEG_FAILED;
    }
    struct jpeg_compress_struct *info = &encoder->info;
    jpeg_create_compress(info);
    encoder->destination.pub.init_destination = CJPEG_destination_init;
    encoder->destination.pub.empty_output_buffer = CJPEG_destination_empty;
    encoder->destination.pub.term_destination = CJPEG_destination_term;
    info->dest = &encoder->destination.pub;
    info->image_width = width;
    info->image_height = height;
    info->input_components = 3;
    info->in_color_space = JCS_RGB;
    jpeg_set_defaults(info);
    jpeg_set_quality(info, quality, TRUE);
    info->comp_info[0].h_samp_factor = 2;
    info->comp_info[0].v_samp_factor = 2;
    info->comp_info[1].h_samp_factor = 1;
    info->comp_info[1].v_samp_factor = 1;
    info->comp_info[2].h_samp_factor = 1;
    info->comp_info[2].v_samp_factor = 1;
    jpeg_start_compress(info, TRUE);
    while (info->next_scanline < info->image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)info->next_scanline * width * 3);
        jpeg_write_scanlines(info, &row, 1);
    }
    jpeg_finish_compress(info);
    jpeg_destroy_compress(info);
    *output = encoder->destination.buffer;
    *output_size = encoder->destination.size;
    free(encoder);
    return CJPEG_OK;
}

#endif
