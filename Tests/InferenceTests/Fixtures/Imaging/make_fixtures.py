#!/usr/bin/env python3
"""Regenerates the JPEG fixtures the imaging tests cannot make with the project's own encoder.

Needs Pillow (PyPI) and cjpeg (Debian libjpeg-turbo-progs). Run from this folder:
    python3 make_fixtures.py
PNG test images are built inside the tests themselves.
"""
import os
import subprocess
import tempfile

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def gradient_rgb(width, height):
    image = Image.new("RGB", (width, height))
    image.putdata([(x * 255 // (width - 1), y * 255 // (height - 1), 128)
                   for y in range(height) for x in range(width)])
    return image


def main():
    # 32x24 grayscale, horizontal ramp 0..255.
    gray = Image.new("L", (32, 24))
    gray.putdata([x * 255 // 31 for y in range(24) for x in range(32)])
    gray.save(os.path.join(HERE, "gray.jpg"), quality=95)

    # 32x24 CMYK (Pillow writes an Adobe marker and inverted samples, as Photoshop does):
    # left half pure red (C=0 M=255 Y=255 K=0), right half pure blue (C=255 M=255 Y=0 K=0).
    cmyk = Image.new("CMYK", (32, 24))
    cmyk.putdata([(0, 255, 255, 0) if x < 16 else (255, 255, 0, 0) for y in range(24) for x in range(32)])
    cmyk.save(os.path.join(HERE, "cmyk.jpg"), quality=95)

    # 64x48 progressive RGB gradient (about ten scans).
    gradient_rgb(64, 48).save(os.path.join(HERE, "progressive.jpg"), quality=90, progressive=True)

    # 16x16 progressive with one scan per AC coefficient and component: 1 + 3 * 63 = 190 scans. cjpeg
    # accepts at most 100 scans per script, so two encodes of the same picture are spliced: each
    # progressive scan carries its own Huffman tables, and both share the quantization tables and frame.
    with tempfile.TemporaryDirectory() as scratch:
        ppm = os.path.join(scratch, "in.ppm")
        gradient_rgb(16, 16).save(ppm)
        bands = [(c, k) for c in range(3) for k in range(1, 64)]
        first = encode_with_scans(ppm, bands[:99], scratch, "a")
        second = encode_with_scans(ppm, bands[99:], scratch, "b")
        header, scans = split_scans(first)
        _, more = split_scans(second)
        with open(os.path.join(HERE, "many-scans.jpg"), "wb") as out:
            out.write(header + b"".join(scans) + b"".join(more[1:]) + b"\xff\xd9")


def encode_with_scans(ppm, bands, scratch, name):
    """Encodes with a DC scan followed by one scan per (component, coefficient) band."""
    script = os.path.join(scratch, name + ".txt")
    with open(script, "w") as out:
        out.write("0,1,2: 0-0, 0, 0;\n")
        for component, k in bands:
            out.write(f"{component}: {k}-{k}, 0, 0;\n")
    output = os.path.join(scratch, name + ".jpg")
    subprocess.run(["cjpeg", "-quality", "90", "-scans", script, "-outfile", output, ppm], check=True)
    with open(output, "rb") as file:
        return file.read()


def split_scans(data):
    """Returns (bytes up to and including the frame header, [DHT segments + SOS + entropy data per scan])."""
    index, header_end, scans, current = 2, None, [], b""
    while index < len(data):
        assert data[index] == 0xFF
        marker = data[index + 1]
        if marker == 0xD9:
            break
        length = data[index + 2] << 8 | data[index + 3]
        end = index + 2 + length
        if marker == 0xDA:
            while not (data[end] == 0xFF and data[end + 1] != 0 and not 0xD0 <= data[end + 1] <= 0xD7):
                end += 1
            scans.append(current + data[index:end])
            current = b""
        elif header_end is not None:
            current += data[index:end]
        if marker == 0xC2:
            header_end = end
        index = end
    return data[:header_end], scans

if __name__ == "__main__":
    main()
