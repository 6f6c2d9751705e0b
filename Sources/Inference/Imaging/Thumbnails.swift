/// Thumbnails: a JPEG whose longest side is at most a given length, never enlarged.
public enum Thumbnails {
    /// The shorter side a `width`×`height` picture must keep when decoded at a reduced JPEG DCT scale so that
    /// its thumbnail with longest side `longestSide` is made by shrinking, never by enlarging.
    public static func neededShorterSide(width: Int, height: Int, longestSide: Int) -> Int {
        let shorter = min(width, height), longer = max(width, height)
        return max(1, (longestSide * shorter + longer - 1) / max(longer, 1))
    }

    /// The thumbnail of a decoded picture, encoded with libjpeg-turbo at `quality`.
    public static func make(from image: RGBImage, longestSide: Int, quality: Int) throws -> [UInt8] {
        try JPEGEncoding.encode(image.resized(toFitLongestSide: longestSide), quality: quality)
    }
}
