import CMariaDB

/// C buffers holding one execution's parameters; they must live until `mysql_stmt_execute` returns.
final class ParameterBindings {
    let binds: UnsafeMutablePointer<MYSQL_BIND>
    let count: Int
    private let lengths: UnsafeMutablePointer<UInt>
    private var storage: [UnsafeMutableRawPointer] = []

    init(_ values: [SQLValue]) {
        count = values.count
        binds = .allocate(capacity: max(count, 1))
        binds.initialize(repeating: MYSQL_BIND(), count: max(count, 1))
        lengths = .allocate(capacity: max(count, 1))
        lengths.initialize(repeating: 0, count: max(count, 1))
        storage.reserveCapacity(count)
        for (index, value) in values.enumerated() {
            bind(value, at: index)
        }
    }

    deinit {
        for pointer in storage { pointer.deallocate() }
        binds.deallocate()
        lengths.deallocate()
    }

    private func store<T>(_ value: T) -> UnsafeMutableRawPointer {
        let pointer = UnsafeMutableRawPointer.allocate(
            byteCount: MemoryLayout<T>.size, alignment: MemoryLayout<T>.alignment)
        pointer.storeBytes(of: value, as: T.self)
        storage.append(pointer)
        return pointer
    }

    private func storeBytes(_ bytes: some Collection<UInt8>, at index: Int) -> UnsafeMutableRawPointer {
        // Never hand the library a NULL buffer: an empty value must stay distinct from SQL NULL.
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        _ = UnsafeMutableRawBufferPointer(start: pointer, count: bytes.count).initializeMemory(
            as: UInt8.self, from: bytes)
        storage.append(pointer)
        lengths[index] = UInt(bytes.count)
        return pointer
    }

    private func bind(_ value: SQLValue, at index: Int) {
        var bind = MYSQL_BIND()
        switch value {
        case .null:
            bind.buffer_type = MYSQL_TYPE_NULL
        case .int(let v):
            bind.buffer_type = MYSQL_TYPE_LONGLONG
            bind.buffer = store(v)
        case .uint(let v):
            bind.buffer_type = MYSQL_TYPE_LONGLONG
            bind.buffer = store(v)
            bind.is_unsigned = 1
        case .double(let v):
            bind.buffer_type = MYSQL_TYPE_DOUBLE
            bind.buffer = store(v)
        case .bool(let v):
            bind.buffer_type = MYSQL_TYPE_TINY
            bind.buffer = store(Int8(v ? 1 : 0))
        case .string(let v):
            bind.buffer_type = MYSQL_TYPE_STRING
            bind.buffer = storeBytes(v.utf8, at: index)
            bind.buffer_length = lengths[index]
            bind.length = lengths + index
        case .bytes(let v):
            bind.buffer_type = MYSQL_TYPE_BLOB
            bind.buffer = storeBytes(v, at: index)
            bind.buffer_length = lengths[index]
            bind.length = lengths + index
        case .date(let v):
            let fields = UTCDateTime(v)
            var time = MYSQL_TIME()
            time.year = UInt32(fields.year)
            time.month = UInt32(fields.month)
            time.day = UInt32(fields.day)
            time.hour = UInt32(fields.hour)
            time.minute = UInt32(fields.minute)
            time.second = UInt32(fields.second)
            time.second_part = UInt(fields.microsecond)
            time.time_type = MYSQL_TIMESTAMP_DATETIME
            bind.buffer_type = MYSQL_TYPE_DATETIME
            bind.buffer = store(time)
            bind.buffer_length = UInt(MemoryLayout<MYSQL_TIME>.size)
        }
        binds[index] = bind
    }
}
