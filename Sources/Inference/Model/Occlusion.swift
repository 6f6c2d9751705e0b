/// A rectangle of a picture in fractions of its width and height (0...1 each), from its top left corner.
public struct PictureRegion: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// Where a model sees a class in a picture, by occlusion: the model's input is cut into a grid, each cell in
/// turn is covered with the mean colour (zero after normalisation) and the model runs again; a cell's drop is
/// how much the class's probability falls when it is covered (negative when it rises).
public struct OcclusionMap: Sendable, Equatable {
    /// The class the map is about.
    public let classification: Classification
    /// Rows and columns of the grid over the model's input.
    public let rows: Int
    public let columns: Int
    /// `rows × columns` drops of the probability, row by row from the top left.
    public let drops: [Float]
    /// The part of the picture the model's input is made of (the grid covers it).
    public let region: PictureRegion

    public init(classification: Classification, rows: Int, columns: Int, drops: [Float], region: PictureRegion) {
        precondition(drops.count == rows * columns, "one drop per cell")
        self.classification = classification
        self.rows = rows
        self.columns = columns
        self.drops = drops
        self.region = region
    }
}

extension Classifier {
    /// Grids an occlusion map can have: at least one cell, at most one pixel a cell along the input's shorter side.
    public var occlusionGrids: ClosedRange<Int> {
        1...min(model.manifest.input.width, model.manifest.input.height)
    }

    /// The occlusion map of `image` for the class `classIndex` (nil: the model's most likely class for the
    /// picture) on a `grid`×`grid` grid: `grid² + 1` forward passes on the calling thread. `classIndex` must
    /// be one of the model's classes and `grid` in ``occlusionGrids``.
    public func occlusionMap(of image: RGBImage, classIndex: Int?, grid: Int) throws -> OcclusionMap {
        precondition(occlusionGrids.contains(grid), "grid out of range")
        let height = model.manifest.input.height, width = model.manifest.input.width, plane = width * height
        let tensor = tensor(from: image)
        let whole = try probabilities(of: tensor)
        let chosen = classIndex ?? Self.top(1, of: whole)[0]
        precondition(whole.indices.contains(chosen), "class index out of range")
        var drops: [Float] = []
        drops.reserveCapacity(grid * grid)
        for row in 0..<grid {
            let rows = (row * height / grid)..<((row + 1) * height / grid)
            for column in 0..<grid {
                let columns = (column * width / grid)..<((column + 1) * width / grid)
                // A copy per pass (a fraction of a percent of the pass's time) rather than restoring the cell.
                var covered = tensor
                for channel in 0..<3 {
                    for y in rows {
                        let start = channel * plane + y * width
                        covered.replaceSubrange((start + columns.lowerBound)..<(start + columns.upperBound), with: repeatElement(0, count: columns.count))
                    }
                }
                drops.append(whole[chosen] - (try probabilities(of: covered))[chosen])
            }
        }
        return OcclusionMap(
            classification: Classification(classIndex: chosen, label: model.labels[chosen], score: whole[chosen]),
            rows: grid, columns: grid, drops: drops, region: inputRegion(of: image)
        )
    }
}
