/// Padding and output size of a sliding-window operator (Conv, pools) along its spatial axes.
struct WindowGeometry: Equatable, Sendable {
    var kernel: [Int]
    var strides: [Int]
    var dilations: [Int]
    var padsBegin: [Int]
    var padsEnd: [Int]
    var output: [Int]

    /// Resolves `auto_pad`, `pads`, `strides`, `dilations` and `ceil_mode` of `node` for `spatial` input sizes.
    init(node: Node, spatial: [Int], kernel: [Int]) throws {
        let rank = spatial.count
        guard kernel.count == rank, kernel.allSatisfy({ $0 > 0 }), ShapeLimits.isBounded(kernel) else {
            throw node.error(.shapeMismatch, "kernel \(kernel) does not fit input spatial size \(spatial)")
        }
        self.kernel = kernel
        strides = node.ints("strides") ?? Array(repeating: 1, count: rank)
        dilations = node.ints("dilations") ?? Array(repeating: 1, count: rank)
        guard strides.count == rank, dilations.count == rank,
              strides.allSatisfy({ $0 > 0 }), dilations.allSatisfy({ $0 > 0 }),
              ShapeLimits.isBounded(strides), ShapeLimits.isBounded(dilations) else {
            throw node.error(.invalidModel, "strides \(strides) or dilations \(dilations) do not fit rank \(rank)")
        }
        let ceilMode = (node.int("ceil_mode") ?? 0) != 0
        let autoPad = node.string("auto_pad") ?? "NOTSET"
        padsBegin = Array(repeating: 0, count: rank)
        padsEnd = Array(repeating: 0, count: rank)
        output = Array(repeating: 0, count: rank)
        for axis in 0..<rank {
            let extent = (kernel[axis] - 1) * dilations[axis] + 1
            switch autoPad {
            case "SAME_UPPER", "SAME_LOWER":
                let out = (spatial[axis] + strides[axis] - 1) / strides[axis]
                let total = max(0, (out - 1) * strides[axis] + extent - spatial[axis])
                padsBegin[axis] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2
                padsEnd[axis] = total - padsBegin[axis]
                output[axis] = out
            case "VALID", "NOTSET":
                if autoPad == "NOTSET", let pads = node.ints("pads") {
                    guard pads.count == 2 * rank, ShapeLimits.isBounded(pads) else {
                        throw node.error(.invalidModel, "pads \(pads) do not fit rank \(rank)")
                    }
                    padsBegin[axis] = pads[axis]
                    padsEnd[axis] = pads[axis + rank]
                }
                let span = spatial[axis] + padsBegin[axis] + padsEnd[axis] - extent
                guard span >= 0 else {
                    throw node.error(.shapeMismatch, "window \(extent) is larger than padded input \(spatial)")
                }
                var out = (ceilMode ? (span + strides[axis] - 1) / strides[axis] : span / strides[axis]) + 1
                // A last window that would start inside the end padding is dropped (as in PyTorch).
                if ceilMode, (out - 1) * strides[axis] >= spatial[axis] + padsBegin[axis] { out -= 1 }
                output[axis] = out
                // oneDNN wants the end padding that makes the output size exact.
                padsEnd[axis] = max(padsEnd[axis], (out - 1) * strides[axis] + extent - spatial[axis] - padsBegin[axis])
            default:
                throw node.error(.unsupported, "auto_pad '\(autoPad)' is not supported")
            }
        }
    }
}
