#ifndef CPNG_SHIM_H
#define CPNG_SHIM_H
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>

/*
 * libpng reports errors by longjmp to png_jmpbuf (a macro), which Swift can neither call nor survive.
 * Every libpng call that can fail runs inside one of the CPNG_* functions below, each of which arms
 * setjmp(png_jmpbuf(...)) first. Input comes from memory through a read callback that fails cleanly at
 * the end of the data, so truncated files report an error rather than reading past the buffer.
 */

/// Status of a CPNG_* call.
enum { CPNG_OK = 0, CPNG_FAILED = 1 };

/// Size of CPNG_decoder.message.
enum { CPNG_MESSAGE_LENGTH = 256 };

/// One decode from memory: libpng structs, the input cursor, row pointers and the last error.
typedef struct {
    png_structp png;
    png_infop info;
    const unsigned char *data;
    size_t size;
    size_t offset;
    png_bytep *rows;
    int truncated;
    char message[CPNG_MESSAGE_LENGTH];
    char first_warning[CPNG_MESSAGE_LENGTH];
} CPNG_decoder;

static inline void CPNG_error(png_structp png, png_const_charp message) {
    CPNG_decoder *decoder = (CPNG_decoder *)png_get_error_ptr(png);
    snprintf(decoder->message, CPNG_MESSAGE_LENGTH, "%s", message);
    png_longjmp(png, 1);
}

static inline void CPNG_warning(png_structp png, png_const_charp message) {
    /* Benign problems (an over-long text chunk, skipped) are not fatal; the first one explains a later
       error such as "Invalid IHDR data". */
    CPNG_decoder *decoder = (CPNG_decoder *)png_get_error_ptr(png);
    if (decoder->first_warning[0] == 0) {
        snprintf(decoder->first_warning, CPNG_MESSAGE_LENGTH, "%s", message);
    }
}

static inline void CPNG_read(png_structp png, png_bytep output, size_t length) {
    CPNG_decoder *decoder = (CPNG_decoder *)png_get_io_ptr(png);
    if (length > decoder->size - decoder->offset) {
        decoder->truncated = 1;
        png_error(png, "unexpected end of PNG data");
    }
    memcpy(output, decoder->data + decoder->offset, length);
    decoder->offset += length;
}

/// Allocates a decoder with width/height and chunk-size limits; NULL when out of memory. Set `data` and
/// `size` to the PNG bytes before reading.
static inline CPNG_decoder *CPNG_decoder_create(unsigned int max_width, unsigned int max_height,
                                                size_t max_chunk_bytes, unsigned int max_cached_chunks) {
    CPNG_decoder *decoder = (CPNG_decoder *)calloc(1, sizeof(CPNG_decoder));
    if (decoder == NULL) {
        return NULL;
    }
    decoder->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, decoder, CPNG_error, CPNG_warning);
    if (decoder->png == NULL) {
        free(decoder);
        return NULL;
    }
    decoder->info = png_create_info_struct(decoder->png);
    if (decoder->info == NULL) {
        png_destroy_read_struct(&decoder->png, NULL, NULL);
        free(decoder);
        return NULL;
    }
    png_set_read_fn(decoder->png, decoder, CPNG_read);
    png_set_user_limits(decoder->png, max_width, max_height);
    png_set_chunk_malloc_max(decoder->png, max_chunk_bytes);
    png_set_chunk_cache_max(decoder->png, max_cached_chunks);
    png_set_crc_action(decoder->png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
    return decoder;
}

static inline void CPNG_decoder_destroy(CPNG_decoder *decoder) {
    png_destroy_read_struct(&decoder->png, &decoder->info, NULL);
    free(decoder->rows);
    free(decoder);
}

/// Reads the chunks before the image data and sets up expansion to 8-bit RGB, or RGBA when the image
/// has alpha or tRNS (`*has_alpha` = 1). Sets the output width and height.
static inline int CPNG_decoder_read_info(CPNG_decoder *decoder, unsigned int *width, unsigned int *height,
                                         int *has_alpha) {
    png_structp png = decoder->png;
    png_infop info = decoder->info;
    if (setjmp(png_jmpbuf(png))) {
        return CPNG_FAILED;
    }
    png_read_info(png, info);
    png_byte color_type = png_get_color_type(png, info);
    png_byte bit_depth = png_get_bit_depth(png, info);
    int alpha = (color_type & PNG_COLOR_MASK_ALPHA) != 0;
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_palette_to_rgb(png);
    }
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) {
        png_set_expand_gray_1_2_4_to_8(png);
    }
    if (png_get_valid(png, info, PNG_INFO_tRNS)) {
        png_set_tRNS_to_alpha(png);
        alpha = 1;
    }
    if (bit_depth == 16) {
        png_set_scale_16(png);
    }
    if (!(color_type & PNG_COLOR_MASK_COLOR)) {
        png_set_gray_to_rgb(png);
    }
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    *width = png_get_image_width(png, info);
    *height = png_get_image_height(png, info);
    *has_alpha = alpha;
    if (png_get_rowbytes(png, info) != (size_t)*width * (alpha ? 4 : 3)) {
        snprintf(decoder->message, CPNG_MESSAGE_LENGTH, "unexpected PNG row layout");
        return CPNG_FAILED;
    }
    return CPNG_OK;
}

/// Decodes all rows into `pixels` (rows of `row_stride` bytes), then reads the chunks up to IEND.
static inline int CPNG_decoder_read_image(CPNG_decoder *decoder, unsigned char *pixels, size_t row_stride) {
    png_structp png = decoder->png;
    png_uint_32 height = png_get_image_height(png, decoder->info);
    decoder->rows = (png_bytep *)malloc(sizeof(png_bytep) * (height > 0 ? height : 1));
    if (decoder->rows == NULL) {
        snprintf(decoder->message, CPNG_MESSAGE_LENGTH, "out of memory");
        return CPNG_FAILED;
    }
    for (png_uint_32 row = 0; row < height; row++) {
        decoder->rows[row] = pixels + (size_t)row * row_stride;
    }
    if (setjmp(png_jmpbuf(png))) {
        return CPNG_FAILED;
    }
    png_read_image(png, decoder->rows);
    png_read_end(png, NULL);
    return CPNG_OK;
}

#endif
