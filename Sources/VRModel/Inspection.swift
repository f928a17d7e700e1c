/// The bounds every value read from a file must keep, and the walk that checks them.
///
/// One walk serves both `validate` and opening: opening refuses a number out of range (so no arithmetic
/// downstream can overflow), `validate` also reports text that holds control characters or is too long.
/// Each document lists its own fields, so a problem is placed by its path (`documents[3].residual.impact`).
public enum Limits {
    /// The largest amount of money, in whole pounds, a form or a file may hold (under £1,000 trillion):
    /// thousands of such amounts still add up without overflowing.
    public static let maxPounds: Pounds = 999_999_999_999_999
    /// Revisions and journal sequence numbers: a trillion changes is beyond any real store.
    public static let maxSequence = 1_000_000_000_000
    /// The longest text a field may hold, in characters: comments, notes, titles alike (CLI and TUI).
    public static let maxTextLength = 10_000
    /// The most people one return may count: far beyond any region's population, never near overflow.
    public static let maxCount = 100_000_000
    /// A priority's number.
    public static let maxPriorityNumber = 999

    /// Why `text` cannot be stored in a field, or nil when it can: a control character (C0 other than
    /// the line breaks a multi-line field may hold, DEL, C1) or more than `maxTextLength` characters.
    public static func textProblem(_ text: String, multiLine: Bool) -> String? {
        for s in text.unicodeScalars where isControl(s, multiLine: multiLine) {
            return "holds the control character \(Sanitize.name(of: s)); remove it"
        }
        if text.utf8.count > maxTextLength, text.count > maxTextLength {
            return "is \(text.count) characters long; the limit is \(maxTextLength.grouped)"
        }
        return nil
    }

    /// C0 except tab (whitespace, below) and, in multi-line text, LF and CR; DEL; C1.
    public static func isControl(_ s: Unicode.Scalar, multiLine: Bool) -> Bool {
        let v = s.value
        if v == 0x09 { return false }
        if v < 0x20 { return !(multiLine && (v == 0x0A || v == 0x0D)) }
        return v == 0x7F || (0x80...0x9F).contains(v)
    }

    /// The one rule for a tab, on every path (the board, the command line, an import, a file written by
    /// hand): it is whitespace, never refused. What vrboard is given it stores as spaces, four in a text
    /// of several lines (a comment, a note), one in a one-line text (a title, a name), as a word
    /// processor's or a spreadsheet's tab reads; a tab already in a file is accepted and shown as a space.
    /// The fields that hold text of several lines (a comment, a note, a description): a tab in them is
    /// four spaces. `InspectionTests` checks it names every field the inspector reads as several lines.
    public static let multiLineKeys: Set<String> = [
        "vision", "scope", "purpose", "members", "note", "cause", "action", "reason", "description", "snaFinding", "comment", "text",
        "previous", "closedReason", "finding",
    ]

    public static func tabsAsSpaces(_ text: String, multiLine: Bool) -> String {
        guard text.contains("\t") else { return text }
        return text.replacingOccurrences(of: "\t", with: multiLine ? "    " : " ")
    }
}

extension Int {
    /// `10,000`: thousands separated, for messages.
    public var grouped: String { (self < 0 ? "-" : "") + Money.group(magnitude) }
}

/// Text made safe to show: no byte of it can drive a terminal.
public enum Sanitize {
    /// Control characters become visible pictures (ESC → `␛`, BEL → `␇`, a line break → `␊` unless
    /// `keepLineBreaks`, which keeps LF and CR LF but never a lone CR, which could overwrite a line),
    /// DEL `␡`, C1 `�`. Tab becomes a space. Everything else is kept.
    public static func display(_ text: String, keepLineBreaks: Bool = false) -> String {
        // Fast path: most text has nothing to change.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            let v = s.value
            if v == 0x09 {
                out.append(" ")
            } else if keepLineBreaks && v == 0x0A {
                out.append(s)
            } else if keepLineBreaks && v == 0x0D && i + 1 < scalars.count && scalars[i + 1] == "\n" {
                out.append(s)
            } else if v < 0x20 {
                out.append(Unicode.Scalar(0x2400 + v)!)
            } else if v == 0x7F {
                out.append("\u{2421}")
            } else if (0x80...0x9F).contains(v) {
                out.append("\u{FFFD}")
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// JSON text with DEL and C1 characters written as `\u` escapes (JSONEncoder escapes C0 itself),
    /// so the JSON stays the same value and no byte of it can drive a terminal.
    public static func jsonEscapingControls(_ json: String) -> String {
        if !json.utf8.contains(where: { $0 == 0x7F || $0 == 0xC2 }) { return json }
        var out = String.UnicodeScalarView()
        for s in json.unicodeScalars {
            if s.value == 0x7F || (0x80...0x9F).contains(s.value) {
                out.append(contentsOf: "\\u00\(String(s.value, radix: 16))".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// `U+001B (ESC)`: how a message names a control character.
    public static func name(of s: Unicode.Scalar) -> String {
        let names: [UInt32: String] = [
            0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "TAB", 0x0A: "LF", 0x0B: "VT", 0x0C: "FF",
            0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI",
        ]
        let hex = String(s.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return names[s.value].map { "\(code) (\($0))" } ?? code
    }
}

/// One step of a path into a document.
public enum FieldKey: Equatable, Sendable {
    case key(String)
    case index(Int)
}

/// A value out of its bounds, or text that cannot be stored, at a path inside a document.
public struct FieldIssue: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case number, text }
    public var path: [FieldKey]
    public var reason: String
    public var kind: Kind
    public var description: String { "\(FieldIssue.text(of: path)): \(reason)" }

    public init(path: [FieldKey], reason: String, kind: Kind) {
        self.path = path
        self.reason = reason
        self.kind = kind
    }

    public static func text(of path: [FieldKey]) -> String {
        var s = ""
        for k in path {
            switch k {
            case .index(let i): s += "[\(i)]"
            case .key(let k): s += (s.isEmpty ? "" : ".") + k
            }
        }
        return s.isEmpty ? "the top level" : s
    }
}

/// Walks a document's fields, collecting what is out of bounds: numbers (opening checks only these: fast),
/// text, or both.
public struct Inspector {
    public private(set) var issues: [FieldIssue] = []
    public let texts: Bool
    public let numbers: Bool
    /// Only texts over the length limit (a count, not a scan: cheap enough for every opening).
    public var lengthsOnly = false
    private var path: [FieldKey]

    public init(texts: Bool, numbers: Bool = true, at path: [FieldKey] = []) {
        self.texts = texts
        self.numbers = numbers
        self.path = path
    }

    public mutating func number(_ key: String, _ v: Int, _ range: ClosedRange<Int>, _ what: String) {
        guard numbers, !range.contains(v) else { return }
        issues.append(
            FieldIssue(
                path: path + [.key(key)], reason: "\(what) must be \(range.lowerBound.grouped) to \(range.upperBound.grouped), found \(v.grouped)",
                kind: .number))
    }

    /// A measured value (a count, a rate): finite and within what any real count could be.
    public mutating func measure(_ key: String, _ v: Double) {
        guard numbers, !(v.isFinite && abs(v) <= Double(Limits.maxCount)) else { return }
        issues.append(
            FieldIssue(
                path: path + [.key(key)], reason: "a value must be -\(Limits.maxCount.grouped) to \(Limits.maxCount.grouped), found \(v)",
                kind: .number))
    }

    public mutating func pounds(_ key: String, _ v: Pounds) {
        number(key, v, -Limits.maxPounds...Limits.maxPounds, "an amount in pounds")
    }

    public mutating func revision(_ v: Int, key: String = "rev", from lower: Int = 1) {
        number(key, v, lower...Limits.maxSequence, "a revision")
    }

    /// The keys read as text of several lines (for the check of `Limits.multiLineKeys`).
    public private(set) var multiLineKeys: Set<String> = []

    public mutating func text(_ key: String, _ s: String, multiLine: Bool = false) {
        if multiLine, texts { multiLineKeys.insert(key) }
        guard texts, let p = problem(s, multiLine: multiLine) else { return }
        issues.append(FieldIssue(path: path + [.key(key)], reason: p, kind: .text))
    }

    public mutating func texts(_ key: String, _ list: [String], multiLine: Bool = false) {
        guard texts else { return }
        for (i, s) in list.enumerated() {
            if let p = problem(s, multiLine: multiLine) {
                issues.append(FieldIssue(path: path + [.key(key), .index(i)], reason: p, kind: .text))
            }
        }
    }

    private func problem(_ s: String, multiLine: Bool) -> String? {
        guard lengthsOnly else { return Limits.textProblem(s, multiLine: multiLine) }
        guard s.utf8.count > Limits.maxTextLength, s.count > Limits.maxTextLength else { return nil }
        return "is \(s.count.grouped) characters long; the limit is \(Limits.maxTextLength.grouped)"
    }

    /// Every text of one value longer than a field may hold.
    public static func overLong(_ value: some Inspectable) -> [FieldIssue] {
        var i = Inspector(texts: true, numbers: false)
        i.lengthsOnly = true
        value.inspect(&i)
        return i.issues
    }

    public mutating func nested(_ key: String, _ value: some Inspectable) {
        path.append(.key(key))
        defer { path.removeLast() }
        value.inspect(&self)
    }

    public mutating func list(_ key: String, _ values: [some Inspectable]) {
        for (i, v) in values.enumerated() {
            path.append(contentsOf: [.key(key), .index(i)])
            defer { path.removeLast(2) }
            v.inspect(&self)
        }
    }

    /// Every issue of one value.
    public static func issues(of value: some Inspectable, texts: Bool, numbers: Bool = true) -> [FieldIssue] {
        var i = Inspector(texts: texts, numbers: numbers)
        value.inspect(&i)
        return i.issues
    }
}

/// A value whose fields can be checked against `Limits`.
public protocol Inspectable {
    func inspect(_ i: inout Inspector)
}

extension Programme: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("id", id)
        i.revision(rev)
        for (k, v) in [
            ("name", name), ("shortName", shortName), ("area", area), ("year", year), ("accountableBody", accountableBody), ("source", source),
        ] { i.text(k, v) }
        i.text("vision", vision, multiLine: true)
        i.text("scope", scope, multiLine: true)
        i.number("escalationThreshold", escalationThreshold, 1...25, "a risk score")
        if let quorum { i.nested("quorum", quorum) }
        i.list("subGroups", subGroups)
        i.list("equality", equality)
    }
}

extension QuorumRule: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.texts("required", required)
        i.text("source", source)
    }
}

extension SubGroup: Inspectable {
    public func inspect(_ i: inout Inspector) {
        for (k, v) in [("id", id), ("name", name), ("chair", chair), ("frequency", frequency), ("source", source)] { i.text(k, v) }
        i.text("purpose", purpose, multiLine: true)
        i.text("members", members, multiLine: true)
    }
}

extension FundingCategory: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("id", id)
        i.text("name", name)
        i.text("source", source)
        i.pounds("amount", amount)
        if let approved { i.pounds("approved", approved) }
        if let profile {
            for (k, v) in profile.enumerated() { i.pounds("profile.\(k)", v) }
            if profile.count != 4 { i.number("profile", profile.count, 4...4, "four quarters") }
        }
    }
}

extension SpendEntry: Inspectable {
    public func inspect(_ i: inout Inspector) {
        for (k, v) in [("category", category), ("by", by), ("at", at)] { i.text(k, v) }
        i.text("note", note, multiLine: true)
        if let source { i.text("source", source) }
        i.number("actual", actual, 0...Limits.maxPounds, "an amount in pounds, not negative")
        if let forecast { i.number("forecast", forecast, 0...Limits.maxPounds, "an amount in pounds, not negative") }
    }
}

extension VarianceCommentary: Inspectable {
    public func inspect(_ i: inout Inspector) {
        for (k, v) in [("category", category), ("by", by), ("at", at)] { i.text(k, v) }
        i.text("cause", cause, multiLine: true)
        i.text("action", action, multiLine: true)
    }
}

extension Reprofile: Inspectable {
    public func inspect(_ i: inout Inspector) {
        for (k, v) in [("from", from), ("to", to), ("by", by), ("at", at)] { i.text(k, v) }
        i.text("reason", reason, multiLine: true)
        i.number("amount", amount, 0...Limits.maxPounds, "an amount in pounds, not negative")
        if let fromQuarter { i.number("fromQuarter", fromQuarter, 1...4, "a quarter (1-4)") }
        if let toQuarter { i.number("toQuarter", toQuarter, 1...4, "a quarter (1-4)") }
    }
}

extension MonitoringSettings: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("source", source)
        i.number("materialityPercent", materialityPercent, 0...100, "a percentage (0-100)")
        i.number("materialityPounds", materialityPounds, 0...Limits.maxPounds, "an amount in pounds, not negative")
        i.number("outturnPounds", outturnPounds, 0...Limits.maxPounds, "an amount in pounds, not negative")
    }
}

extension Grant: Inspectable {
    public func inspect(_ i: inout Inspector) {
        for (k, v) in [("id", id), ("name", name), ("funder", funder), ("holder", holder), ("period", period), ("source", source)] { i.text(k, v) }
        i.pounds("amount", amount)
        for (k, y) in (years ?? []).enumerated() {
            i.number("years.\(k).year", y.year, 1900...9999, "a year")
            if let a = y.amount { i.pounds("years.\(k).amount", a) }
            i.text("years.\(k).source", y.source)
        }
    }
}

extension Condition: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.number("percent", percent, 0...100, "a percentage")
        i.text("source", source)
    }
}

extension Funding: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("id", id)
        i.revision(rev)
        i.text("allocationName", allocationName)
        i.text("allocationSource", allocationSource)
        i.pounds("allocation", allocation)
        i.list("categories", categories)
        i.list("grants", grants)
        i.list("conditions", conditions)
        i.list("spend", spend)
        i.list("commentaries", commentaries)
        i.list("reprofiles", reprofiles)
        if let monitoring { i.nested("monitoring", monitoring) }
        if let b = bridging {
            i.pounds("bridging.monthlyCost", b.monthlyCost)
            i.text("bridging.source", b.source)
        }
        if let y = splitYear {
            i.text("splitYear.year", y.year)
            i.text("splitYear.reason", y.reason)
        }
    }
}

extension Member: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.revision(rev)
        for (k, v) in [("id", id), ("name", name), ("organisation", organisation), ("role", role)] { i.text(k, v) }
        if let source { i.text("source", source) }
        for (n, login) in (logins ?? []).enumerated() { i.text("logins[\(n)]", login) }
        if let email { i.text("email", email) }
    }
}

extension Priority: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.revision(rev)
        i.number("number", number, 0...Limits.maxPriorityNumber, "a priority number")
        for (k, v) in [("id", id), ("title", title), ("sponsor", sponsor), ("source", source)] { i.text(k, v) }
        i.text("description", description, multiLine: true)
        i.text("snaFinding", snaFinding, multiLine: true)
        if let plan { i.nested("plan", plan) }
    }
}

extension CitedText: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("text", text, multiLine: true)
        i.text("source", source)
    }
}

extension RatingChange: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("at", at)
        i.text("by", by)
        if let login { i.text("login", login) }
        i.text("comment", comment, multiLine: true)
    }
}

extension ExitStrategy: Inspectable {
    public func inspect(_ i: inout Inspector) { i.text("note", note, multiLine: true) }
}

extension Workstream: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.revision(rev)
        for (k, v) in [("id", id), ("priority", priority), ("title", title), ("lead", lead), ("sponsor", sponsor), ("source", source)] {
            i.text(k, v)
        }
        i.texts("objectives", objectives)
        i.list("history", history)
        if let exitStrategy { i.nested("exitStrategy", exitStrategy) }
        if let boardMarks { i.list("boardMarks", boardMarks) }
    }
}

extension Score: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.number("likelihood", likelihood, 1...5, "a likelihood")
        i.number("impact", impact, 1...5, "an impact")
    }
}

extension Mitigation: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("action", action)
        i.text("owner", owner)
    }
}

extension Risk: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.revision(rev)
        for (k, v) in [("id", id), ("title", title), ("category", category), ("owner", owner), ("proximity", proximity), ("source", source)] {
            i.text(k, v)
        }
        i.text("description", description, multiLine: true)
        i.texts("causes", causes)
        if let closedReason { i.text("closedReason", closedReason, multiLine: true) }
        i.nested("inherent", inherent)
        i.nested("residual", residual)
        i.nested("target", target)
        i.list("actions", actions)
        if let boardMarks { i.list("boardMarks", boardMarks) }
    }
}

extension PaperHeader: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("reportTo", reportTo)
        i.text("author", author)
        i.text("agendaItem", agendaItem)
        if let authorMember { i.text("authorMember", authorMember) }
        for (n, c) in contacts.enumerated() { i.text("contacts[\(n)]", c) }
        for (k, v) in texts.sorted(by: { $0.key < $1.key }) { i.text("texts.\(k)", v, multiLine: true) }
    }
}

extension Decision: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("text", text, multiLine: true)
        i.text("at", at)
        i.text("by", by)
        i.list("corrections", corrections)
        if let withdrawn { i.nested("withdrawn", withdrawn) }
    }
}

extension Correction: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("previous", previous, multiLine: true)
        i.text("at", at)
        i.text("by", by)
    }
}

extension Withdrawal: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("reason", reason, multiLine: true)
        i.text("at", at)
        i.text("by", by)
    }
}

extension Attendance: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("member", member)
        i.text("deputy", deputy)
    }
}

extension SubGroupReport: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("subGroup", subGroup)
        i.text("text", text, multiLine: true)
        i.text("at", at)
        i.text("by", by)
    }
}

extension MinutesApproval: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("meeting", meeting)
        i.text("note", note, multiLine: true)
        i.text("at", at)
        i.text("by", by)
    }
}

extension MeetingAction: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("text", text, multiLine: true)
        i.text("owner", owner)
        i.text("at", at)
        i.text("by", by)
        i.list("corrections", corrections)
        if let withdrawn { i.nested("withdrawn", withdrawn) }
    }
}

extension Snapshot: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.nested("programme", programme)
        i.nested("funding", funding)
        i.list("priorities", priorities)
        i.list("workstreams", workstreams)
        i.list("risks", risks)
        i.list("members", members)
        i.list("interventions", interventions)
        i.list("evaluations", evaluations)
        i.list("outcomes", outcomes)
    }
}

extension Meeting: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.revision(rev)
        i.text("id", id)
        i.text("title", title)
        if let heldAt { i.text("heldAt", heldAt) }
        if let closedAt { i.text("closedAt", closedAt) }
        i.list("attendance", attendance)
        i.texts("attendees", attendees)
        i.texts("agenda", agenda)
        i.texts("recommendations", recommendations)
        i.nested("header", header)
        if let snapshot { i.nested("snapshot", snapshot) }
        if let minutesApproval { i.nested("minutesApproval", minutesApproval) }
        i.list("reports", reports)
        i.list("decisions", decisions)
        i.list("actions", actions)
    }
}

extension AnyDocument: Inspectable {
    public func inspect(_ i: inout Inspector) { document.inspect(&i) }
}
