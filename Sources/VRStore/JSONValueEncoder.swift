import Foundation

/// Encodes a value straight into `JSONValue`: the value `JSONValue.parse` would read from JSONEncoder's
/// output (a whole Double as an integer, as JSONEncoder writes it), without writing the text and reading it
/// back. A save works out what changed between two versions of a document and writes its journal line from
/// these values; through JSONEncoder and back that was most of a save's time.
struct JSONValueEncoder: Encoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    fileprivate let slot: Slot

    fileprivate init(slot: Slot) { self.slot = slot }

    /// `value` as JSON values.
    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        // Values already JSON (a patch's fields) are taken as they are.
        if T.self == JSONValue.self, let v = value as? JSONValue { return v }
        if T.self == [String: JSONValue].self, let o = value as? [String: JSONValue] { return .object(o) }
        if T.self == [String: [JSONValue]].self, let o = value as? [String: [JSONValue]] { return .object(o.mapValues(JSONValue.array)) }
        let slot = Slot()
        try value.encode(to: JSONValueEncoder(slot: slot))
        return try slot.value()
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(object: slot.object()))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(list: slot.list()) }
    func singleValueContainer() -> any SingleValueEncodingContainer { Single(slot: slot) }

    /// A Double as JSONEncoder writes it ("5" for 5.0, "1e+16"), read back as `parse` reads that text.
    static func number(_ d: Double) throws -> JSONValue {
        guard d.isFinite else {
            throw EncodingError.invalidValue(d, .init(codingPath: [], debugDescription: "\(d) is not a number JSON can hold"))
        }
        var text = d.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        if !text.utf8.contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }), let i = Int(text) { return .int(i) }
        return .double(d)
    }

    static func integer<I: BinaryInteger>(_ i: I) -> JSONValue { Int(exactly: i).map(JSONValue.int) ?? .double(Double(i)) }
}

/// Where one value is being encoded: set once by a single-value container, or filled by a keyed or unkeyed one.
private final class Slot {
    enum State {
        case empty
        case value(JSONValue)
        case object(Members)
        case list(Items)
    }
    var state = State.empty

    func object() -> Members {
        if case .object(let o) = state { return o }
        let o = Members()
        state = .object(o)
        return o
    }

    func list() -> Items {
        if case .list(let l) = state { return l }
        let l = Items()
        state = .list(l)
        return l
    }

    func value() throws -> JSONValue {
        switch state {
        case .empty: return .object([:])
        case .value(let v): return v
        case .object(let o): return try o.value()
        case .list(let l): return try l.value()
        }
    }
}

/// An object's members; a nested container's value is taken when the object is finished.
private final class Members {
    var members: [String: JSONValue] = [:]
    var nested: [(String, Slot)] = []

    func value() throws -> JSONValue {
        guard !nested.isEmpty else { return .object(members) }
        var all = members
        for (k, s) in nested { all[k] = try s.value() }
        return .object(all)
    }

    func slot(_ key: String) -> Slot {
        let s = Slot()
        nested.append((key, s))
        return s
    }
}

/// A list's items; a nested container's value is taken when the list is finished.
private final class Items {
    var items: [JSONValue] = []
    var nested: [(Int, Slot)] = []

    func value() throws -> JSONValue {
        guard !nested.isEmpty else { return .array(items) }
        var all = items
        for (i, s) in nested { all[i] = try s.value() }
        return .array(all)
    }

    func slot() -> Slot {
        let s = Slot()
        nested.append((items.count, s))
        items.append(.null)
        return s
    }
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: Members
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) { object.members[key.stringValue] = .null }
    mutating func encode(_ v: Bool, forKey key: Key) { object.members[key.stringValue] = .bool(v) }
    mutating func encode(_ v: String, forKey key: Key) { object.members[key.stringValue] = .string(v) }
    mutating func encode(_ v: Double, forKey key: Key) throws { object.members[key.stringValue] = try JSONValueEncoder.number(v) }
    mutating func encode(_ v: Float, forKey key: Key) throws { object.members[key.stringValue] = try JSONValueEncoder.number(Double("\(v)") ?? .nan) }
    mutating func encode(_ v: Int, forKey key: Key) { object.members[key.stringValue] = .int(v) }
    mutating func encode(_ v: Int8, forKey key: Key) { object.members[key.stringValue] = JSONValueEncoder.integer(v) }
    mutating func encode(_ v: Int16, forKey key: Key) { object.members[key.stringValue] = JSONValueEncoder.integer(v) }
    mutating func encode(_ v: Int32, forKey key: Key) { object.members[key.stringValue] = JSONValueEncoder.integer(v) }
    mutating func encode(_ v: Int64, forKey key: Key) { object.members[key.stringValue] = JSONValueEncoder.integer(v) }
    mutating func encode(_ v: UInt, forKey key: Key) { object.members[key.stringValue] = JSONValueEncoder.integer(v) }
    mutating func encode(_ v: UInt8, forKey key: Key) { object.members[key.stringValue] = JSONValueEncoder.integer(v) }
    mutating func encode(_ v: UInt16, forKey key: Key) { object.members[key.stringValue] = JSONValueEncoder.integer(v) }
    mutating func encode(_ v: UInt32, forKey key: Key) { object.members[key.stringValue] = JSONValueEncoder.integer(v) }
    mutating func encode(_ v: UInt64, forKey key: Key) { object.members[key.stringValue] = JSONValueEncoder.integer(v) }
    mutating func encode<T: Encodable>(_ v: T, forKey key: Key) throws { object.members[key.stringValue] = try JSONValueEncoder.encode(v) }

    mutating func nestedContainer<NK: CodingKey>(keyedBy type: NK.Type, forKey key: Key) -> KeyedEncodingContainer<NK> {
        KeyedEncodingContainer(Keyed<NK>(object: object.slot(key.stringValue).object()))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { Unkeyed(list: object.slot(key.stringValue).list()) }
    mutating func superEncoder() -> any Encoder { JSONValueEncoder(slot: object.slot("super")) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { JSONValueEncoder(slot: object.slot(key.stringValue)) }
}

private struct Unkeyed: UnkeyedEncodingContainer {
    let list: Items
    var codingPath: [any CodingKey] { [] }
    var count: Int { list.items.count }

    mutating func encodeNil() { list.items.append(.null) }
    mutating func encode(_ v: Bool) { list.items.append(.bool(v)) }
    mutating func encode(_ v: String) { list.items.append(.string(v)) }
    mutating func encode(_ v: Double) throws { list.items.append(try JSONValueEncoder.number(v)) }
    mutating func encode(_ v: Int) { list.items.append(.int(v)) }
    mutating func encode(_ v: Float) throws { list.items.append(try JSONValueEncoder.number(Double("\(v)") ?? .nan)) }
    mutating func encode(_ v: Int8) { list.items.append(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: Int16) { list.items.append(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: Int32) { list.items.append(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: Int64) { list.items.append(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: UInt) { list.items.append(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: UInt8) { list.items.append(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: UInt16) { list.items.append(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: UInt32) { list.items.append(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: UInt64) { list.items.append(JSONValueEncoder.integer(v)) }
    mutating func encode<T: Encodable>(_ v: T) throws { list.items.append(try JSONValueEncoder.encode(v)) }

    mutating func nestedContainer<NK: CodingKey>(keyedBy type: NK.Type) -> KeyedEncodingContainer<NK> {
        KeyedEncodingContainer(Keyed<NK>(object: list.slot().object()))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(list: list.slot().list()) }
    mutating func superEncoder() -> any Encoder { JSONValueEncoder(slot: list.slot()) }
}

private struct Single: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() { slot.state = .value(.null) }
    mutating func encode(_ v: Bool) { slot.state = .value(.bool(v)) }
    mutating func encode(_ v: String) { slot.state = .value(.string(v)) }
    mutating func encode(_ v: Double) throws { slot.state = .value(try JSONValueEncoder.number(v)) }
    mutating func encode(_ v: Int) { slot.state = .value(.int(v)) }
    mutating func encode(_ v: Float) throws { slot.state = .value(try JSONValueEncoder.number(Double("\(v)") ?? .nan)) }
    mutating func encode(_ v: Int8) { slot.state = .value(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: Int16) { slot.state = .value(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: Int32) { slot.state = .value(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: Int64) { slot.state = .value(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: UInt) { slot.state = .value(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: UInt8) { slot.state = .value(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: UInt16) { slot.state = .value(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: UInt32) { slot.state = .value(JSONValueEncoder.integer(v)) }
    mutating func encode(_ v: UInt64) { slot.state = .value(JSONValueEncoder.integer(v)) }
    mutating func encode<T: Encodable>(_ v: T) throws { slot.state = .value(try JSONValueEncoder.encode(v)) }
}
