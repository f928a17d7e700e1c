import Foundation
import Testing

/// The tree stays as swift-format writes it (one statement per line, the configured widths), so a
/// change never mixes reformatting with behaviour.
@Suite struct FormatTests {
    @Test func theTreeIsFormatted() throws {
        let swift = try Paths.onPath("swift")
        let root = Paths.packageRoot
        let r = try runProcess(
            URL(fileURLWithPath: swift),
            ["format", "lint", "--strict", "--configuration", ".ci/swift-format.json", "--recursive", "Sources", "Tests", "Package.swift"],
            cwd: root, timeout: 120)
        #expect(
            r.status == 0,
            "run `swift format --configuration .ci/swift-format.json --in-place --recursive Sources Tests Package.swift`:\n\(r.stderr.prefix(3000))")
        #expect(r.stderr.isEmpty, "\(r.stderr.prefix(3000))")
    }
}
