#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRReport

/// The board paper printed to PDF on A4 by a headless Chromium, with the contents' page numbers: the
/// paper is printed once, the page each heading falls on is read back with poppler's `pdftotext`, and
/// it is printed again with those numbers in the contents (again, should the numbers move a heading).
enum PDFPrint {
    /// The browsers tried, in order (`VRBOARD_BROWSER` first when set).
    static let browsers = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// A program on PATH, or nil.
    static func find(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            if name.hasPrefix("/") { if FileManager.default.isExecutableFile(atPath: name) { return name } else { continue } }
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") { return "\(dir)/\(name)" }
        }
        return nil
    }

    /// Prints `render(pages)` to `out`: first without page numbers, then with the pages its headings fell on.
    static func write(to out: String, headings: [String], render: ([String: Int]?) -> String) throws {
        let env = ProcessInfo.processInfo.environment
        guard let browser = find((env["VRBOARD_BROWSER"].map { [$0] } ?? []) + browsers) else {
            throw CLIError(
                "no browser to print with: --format pdf needs Chromium (Debian: apt install chromium; or set VRBOARD_BROWSER to a Chromium or Chrome binary); --format html writes the paper for any browser to print"
            )
        }
        guard let pdftotext = find(["pdftotext"]) else {
            throw CLIError("--format pdf needs pdftotext to number the contents' pages (Debian: apt install poppler-utils)")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vrboard-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let html = work.appendingPathComponent("paper.html"), pdf = work.appendingPathComponent("paper.pdf")
        var pages: [String: Int]? = nil
        // Numbers of one or two digits take the same room, so a second printing rarely moves a heading; a
        // third settles one that did.
        for _ in 0..<3 {
            try Data(render(pages ?? Dictionary(uniqueKeysWithValues: headings.map { ($0, 0) })).utf8).write(to: html)
            try? FileManager.default.removeItem(at: pdf)
            let printed = try run(
                browser,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    "--user-data-dir=\(work.appendingPathComponent("profile").path)",
                    "--print-to-pdf=\(pdf.path)", html.absoluteString,
                ], timeout: 180)
            guard FileManager.default.fileExists(atPath: pdf.path) else {
                throw CLIError("\((browser as NSString).lastPathComponent) wrote no PDF: \(printed.suffix(400))")
            }
            _ = try run(pdftotext, ["-layout", pdf.path, work.appendingPathComponent("paper.txt").path], timeout: 60)
            let text = try String(contentsOf: work.appendingPathComponent("paper.txt"), encoding: .utf8)
            let found = PrintedPages.pages(of: headings, in: PrintedPages.split(text))
            if let pages, found == pages { break }
            pages = found
        }
        do {
            if FileManager.default.fileExists(atPath: out) {
                _ = try FileManager.default.replaceItemAt(URL(fileURLWithPath: out), withItemAt: pdf)
            } else {
                try FileManager.default.moveItem(at: pdf, to: URL(fileURLWithPath: out))
            }
        } catch { throw CLIError("cannot write \(out): \(error.localizedDescription)") }
    }

    /// Runs a program to its end (killed after `timeout` seconds), its output and errors together.
    static func run(_ program: String, _ arguments: [String], timeout: TimeInterval) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("vrboard-run-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        p.standardOutput = handle
        p.standardError = handle
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
            throw CLIError("\((program as NSString).lastPathComponent) did not finish within \(Int(timeout)) s")
        }
        p.waitUntilExit()
        try? handle.close()
        return String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
    }
}
