import Foundation
import Testing
import VRModel
import VRStore
@testable import VRUI

/// The shipped datasets, opened read-only straight from the checkout's data/ folder.
enum Fixtures {
    static let dataDir: String = {
        let here = URL(fileURLWithPath: #filePath)  // <root>/Tests/VRUITests/Support.swift
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data").path
    }()

    static func board(_ name: String) throws -> Board {
        try Store(path: dataDir + "/" + name, readOnly: true).board
    }

    static let datasets = ["nnvru-2020-21", "wmvru-2021-22"]
    static let sizes = [(80, 24), (120, 36)]
}

extension AppState {
    /// Sends keys through the real update function.
    mutating func press(_ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for k in keys { effects += update(&self, .key(k)) }
        return effects
    }

    mutating func type(_ text: String) {
        for c in text { _ = update(&self, .key(.char(c))) }
    }
}

extension Frame {
    func contains(_ s: String) -> Bool { text.contains(s) }
}

func expectFits(_ f: Frame, width: Int, height: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(f.lines.count == height, sourceLocation: sourceLocation)
    for (i, line) in f.lines.enumerated() {
        #expect(Width.of(line) <= width, "line \(i) is \(Width.of(line)) cells: \(line)", sourceLocation: sourceLocation)
    }
}
