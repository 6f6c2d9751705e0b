/// Median wall time of `runs` runs of `work`.
func medianTime(runs: Int = 5, _ work: () throws -> Void) rethrows -> Duration {
    var times: [Duration] = []
    for _ in 0..<runs { times.append(try ContinuousClock().measure(work)) }
    return times.sorted()[runs / 2]
}

/// Milliseconds with two decimals, for printed timings.
func milliseconds(_ duration: Duration) -> String {
    let hundredths = Int((Double(duration.components.seconds) * 1e5 + Double(duration.components.attoseconds) / 1e13).rounded())
    return "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
}
