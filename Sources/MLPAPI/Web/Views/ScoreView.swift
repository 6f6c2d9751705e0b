import Foundation

/// A probability as the pages show it: a `<meter>` value and a percentage (no inline style needed).
struct ScoreView {
    /// `0.9342`, for `<meter value>`.
    let value: String
    /// `93.4 %`.
    let percent: String

    init(_ score: Double) {
        let clamped = min(max(score, 0), 1)
        value = String(format: "%.4f", clamped)
        percent = String(format: "%.1f %%", clamped * 100)
    }
}
