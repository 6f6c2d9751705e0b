import Foundation

/// Decodes ONNX TensorProto values (raw_data or typed fields) into constants.
enum ONNXTensorDecoder {
    static func decode(_ proto: Onnx_TensorProto) throws -> ConstantTensor {
        let name = proto.name
        guard proto.dataLocation != .external else {
            throw InferenceError(.unsupported, "tensor '\(name)' uses external data, which is not supported")
        }
        guard proto.dims.allSatisfy({ $0 >= 0 }) else {
            throw InferenceError(.invalidModel, "tensor '\(name)' has a negative dimension")
        }
        let shape = proto.dims.map { Int($0) }
        let count = try ShapeLimits.checkedCount(shape, "tensor '\(name)'")
        typealias DataType = Onnx_TensorProto.DataType
        let type = DataType(rawValue: Int(proto.dataType)) ?? .undefined
        let raw = proto.rawData
        let tensor: ConstantTensor
        switch type {
        case .float:
            tensor = ConstantTensor(shape: shape, floats: raw.isEmpty ? proto.floatData : littleEndian(raw, Float.self))
        case .double:
            let values = raw.isEmpty ? proto.doubleData : littleEndian(raw, Double.self)
            tensor = ConstantTensor(shape: shape, floats: values.map { Float($0) })
        case .int64:
            tensor = ConstantTensor(shape: shape, integers: raw.isEmpty ? proto.int64Data : littleEndian(raw, Int64.self))
        case .int32, .int16, .int8, .uint8, .uint16, .bool:
            let values: [Int64]
            if raw.isEmpty {
                values = proto.int32Data.map { Int64($0) }
            } else {
                switch type {
                case .int32: values = littleEndian(raw, Int32.self).map { Int64($0) }
                case .int16: values = littleEndian(raw, Int16.self).map { Int64($0) }
                case .uint16: values = littleEndian(raw, UInt16.self).map { Int64($0) }
                case .int8: values = littleEndian(raw, Int8.self).map { Int64($0) }
                default: values = raw.map { Int64($0) }
                }
            }
            tensor = ConstantTensor(shape: shape, integers: values)
        default:
            throw InferenceError(.unsupported, "tensor '\(name)' has unsupported data type \(proto.dataType)")
        }
        let actual: Int
        switch tensor.storage {
        case .float(let values): actual = values.count
        case .int64(let values): actual = values.count
        }
        guard actual == count else {
            throw InferenceError(.invalidModel, "tensor '\(name)' has \(actual) values for shape \(shape)")
        }
        return tensor
    }

    private static func littleEndian<T: FixedWidthInteger & BitwiseCopyable>(_ data: Data, _: T.Type) -> [T] {
        data.withUnsafeBytes { buffer in
            (0..<buffer.count / MemoryLayout<T>.size).map {
                T(littleEndian: buffer.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self))
            }
        }
    }

    private static func littleEndian<T: BinaryFloatingPoint & BitwiseCopyable>(_ data: Data, _: T.Type) -> [T] {
        data.withUnsafeBytes { buffer in
            (0..<buffer.count / MemoryLayout<T>.size).map {
                buffer.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self)
            }
        }
    }
}
