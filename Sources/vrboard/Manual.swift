import Foundation
import VRUI

/// The manual page (`vrboard help man`): roff made from the same reference topics `vrboard help TOPIC`
/// prints, with the key table from the keymap, so it cannot drift from the program.
enum Manual {
    static func page(version: String) -> String {
        var out = [
            ".TH VRBOARD 1 \"\" \"vrboard \(escape(version))\" \"User Commands\"",
            ".SH NAME",
            "vrboard \\- a terminal board for a Violence Reduction Unit and its strategic board",
            ".SH SYNOPSIS",
            ".B vrboard",
            "[\\fIcommand\\fR] [\\fB\\-\\-store\\fR \\fIdir|url\\fR] [\\fIoptions\\fR]",
            ".br",
            ".B vrboard help",
            "\\fItopic\\fR|\\fIcommand\\fR",
            ".SH DESCRIPTION",
            "vrboard shows a VRU's priorities, each workstream's RAG rating and its evidence, the grant split against"
                + " the grant conditions, the risk register, the interventions and outcomes, and the board meeting from its"
                + " walkthrough to its minutes and pack, over a JSON document store in a folder or over PostgreSQL."
                + " With no command it opens the board in the terminal.",
        ]
        for topic in HelpTopics.all {
            out.append(".SH \(escape(topic.name.uppercased()))")
            out += roff(HelpTopics.text(topic.name) ?? "")
        }
        out += [".SH SEE ALSO", "\\fBvrboard help topics\\fR, \\fBvrboard\\fR \\fIcommand\\fR \\fB\\-\\-help\\fR"]
        return out.joined(separator: "\n") + "\n"
    }

    /// Markdown as roff: headings as subsections, code blocks as they are, a table's rows as tagged
    /// paragraphs (its first cell the tag), the rest as paragraphs; every line escaped.
    static func roff(_ markdown: String) -> [String] {
        var out: [String] = []
        var inCode = false
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if raw.hasPrefix("```") {
                out.append(inCode ? ".fi\n.RE" : ".RS 2\n.nf")
                inCode.toggle()
                continue
            }
            if inCode {
                out.append(escape(raw))
                continue
            }
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") {
                out.append(".SS " + escape(plain(String(line.drop { $0 == "#" }).trimmingCharacters(in: .whitespaces))))
            } else if line.hasPrefix("|") {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                    .map { plain($0.trimmingCharacters(in: .whitespaces)) }
                // The header's rule, and picture rows, carry nothing to read.
                if cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) || line.contains("![") { continue }
                out.append(".TP")
                out.append(escape(cells.first ?? ""))
                out.append(escape(cells.dropFirst().filter { !$0.isEmpty }.joined(separator: " \u{2014} ")))
            } else if line.isEmpty {
                out.append(".PP")
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                out.append(".IP \\(bu 2")
                out.append(escape(plain(String(line.dropFirst(2)))))
            } else {
                out.append(escape(plain(line)))
            }
        }
        if inCode { out.append(".fi\n.RE") }
        return out
    }

    /// Markdown's marks taken off: `code`, **bold**, \| in tables, links to their text.
    static func plain(_ s: String) -> String {
        let t = s.replacingOccurrences(of: "\\|", with: "|").replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
        return t.replacingOccurrences(of: #"\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
    }

    /// A line roff reads as text: backslashes doubled, and a leading `.` or `'` kept from reading as a request.
    static func escape(_ s: String) -> String {
        let t = s.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        return t.hasPrefix(".") || t.hasPrefix("'") ? "\\&" + t : t
    }
}
