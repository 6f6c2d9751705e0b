import Foundation
import MLPDomain

/// `/images/:id/explanation`: the picture under its occlusion map, the grid's numbers, and the labels to ask about.
struct ExplanationView {
    /// A rectangle in thousandths of the picture's width and height (the SVG's `viewBox` stretches over the
    /// picture whatever its size).
    struct Frame {
        let x: String
        let y: String
        let width: String
        let height: String
    }

    /// One square of the map over the picture.
    struct Cell {
        let frame: Frame
        /// Red where covering the square lowers the class's probability, blue where it raises it.
        let colour: String
        /// The square's share of the largest change, scaled so that the strongest square stays see-through.
        let opacity: String
    }

    /// One row of the table of numbers.
    struct Row {
        let number: Int
        let drops: [String]
    }

    /// A label of the picture's current classification to explain instead.
    struct Choice {
        let classIndex: Int
        let label: String
        let percent: String
        let selected: Bool
    }

    let id: Int64
    let displayTitle: String
    let pictureURL: String
    let width: Int
    let height: Int
    let label: String
    let score: ScoreView
    let modelName: String
    let modelVersion: String
    /// What the model reads: the frame drawn dashed around the squares.
    let region: Frame
    let cells: [Cell]
    let columnNumbers: [Int]
    let rows: [Row]
    /// What the map says in words: the square that matters most, or that none does.
    let summary: String
    let choices: [Choice]
    let hasChoices: Bool

    /// Largest opacity of a square: the picture stays visible under the strongest one.
    static let maxOpacity = 0.7

    init(_ details: ImageDetails, explanation: ImageExplanation) {
        let image = details.image
        id = image.id
        displayTitle = image.title ?? "Untitled picture"
        pictureURL = ImagePages.pictureURL(image.id, version: image.sha256)
        width = image.width
        height = image.height
        label = explanation.score.label
        score = ScoreView(explanation.score.score)
        modelName = explanation.model.name
        modelVersion = explanation.model.version
        let area = explanation.region
        let cellWidth = area.width / Double(explanation.columns), cellHeight = area.height / Double(explanation.rows)
        func frame(x: Double, y: Double, width: Double, height: Double) -> Frame {
            func thousandths(_ fraction: Double) -> String { String(format: "%.1f", fraction * 1000) }
            return Frame(x: thousandths(x), y: thousandths(y), width: thousandths(width), height: thousandths(height))
        }
        region = frame(x: area.x, y: area.y, width: area.width, height: area.height)
        let strongest = explanation.drops.map(abs).max() ?? 0
        cells = explanation.drops.enumerated().map { index, drop in
            let row = index / explanation.columns, column = index % explanation.columns
            let share = strongest > 0 ? abs(drop) / strongest : 0
            return Cell(
                frame: frame(x: area.x + Double(column) * cellWidth, y: area.y + Double(row) * cellHeight, width: cellWidth, height: cellHeight),
                colour: drop >= 0 ? "#d7301f" : "#2b6cb0", opacity: String(format: "%.2f", share * Self.maxOpacity)
            )
        }
        columnNumbers = Array(1...explanation.columns)
        rows = explanation.dropRows.enumerated().map { index, drops in
            Row(number: index + 1, drops: drops.map(Self.points))
        }
        if let top = explanation.drops.indices.max(by: { explanation.drops[$0] < explanation.drops[$1] }), explanation.drops[top] > 0.0005 {
            summary = "Covering the square in row \(top / explanation.columns + 1), column \(top % explanation.columns + 1) "
                + "lowers the model's confidence in “\(explanation.score.label)” the most: by "
                + String(format: "%.1f", explanation.drops[top] * 100) + " percentage points."
        } else {
            summary = "Covering any one square does not lower the model's confidence in “\(explanation.score.label)”: it sees the class all over the picture, or not in any one place."
        }
        // Another label of the picture's current classification, when that is the model that explained it.
        let current = details.predictions.filter { $0.model.name == explanation.model.name }
        choices = current.map {
            Choice(
                classIndex: $0.classIndex, label: $0.label, percent: ScoreView($0.score).percent,
                selected: $0.classIndex == explanation.score.classIndex
            )
        }
        hasChoices = choices.count > 1
    }

    /// A change of probability in percentage points, signed: `+12.3`, `−0.4`, `0.0`.
    static func points(_ drop: Double) -> String {
        let text = String(format: "%.1f", abs(drop) * 100)
        if text == "0.0" { return text }
        return (drop < 0 ? "−" : "+") + text
    }
}
