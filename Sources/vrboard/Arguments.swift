import ArgumentParser
import VRModel
import VRUI

// Every option value the CLI takes is parsed by ArgumentParser through these, so a bad value gets the
// same one-line error (naming the option and the values it takes) and the usage exit code, 2.

extension Screen: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.id) }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
    public var defaultValueDescription: String { id }
}

/// A frame size, `COLSxROWS`, each 1-1000.
struct FrameSize: ExpressibleByArgument, Equatable, CustomStringConvertible {
    let width: Int
    let height: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...1000).contains(w), (1...1000).contains(h) else { return nil }
        self.init(width: w, height: h)
    }

    var description: String { "\(width)x\(height)" }
    var defaultValueDescription: String { description }
    static var defaultCompletionKind: CompletionKind { .list(["80x24", "100x30", "120x36", "160x45"]) }
}

/// A calendar date, `yyyy-mm-dd`, that exists.
extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public var defaultValueDescription: String { description }
}

/// A bundled dataset's name, or `empty`.
struct DatasetName: ExpressibleByArgument, Equatable, CustomStringConvertible {
    static let empty = "empty"
    let name: String
    init(_ name: String) { self.name = name }
    init?(argument: String) {
        guard DatasetName.allValueStrings.contains(argument) else { return nil }
        name = argument
    }
    static var allValueStrings: [String] { Datasets.names + [empty] }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
    var description: String { name }
    var defaultValueDescription: String { name }
}

/// A financial quarter, `2021-Q3` (or `Q3 2021/22`).
extension Quarter: ExpressibleByArgument {
    public init?(argument: String) {
        guard let span = Quarter.span(argument), span.count == 1 else { return nil }
        self = span.first
    }
    public var defaultValueDescription: String { description }
}
