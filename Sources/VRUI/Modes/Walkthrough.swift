import Foundation
import VRModel

/// A board walkthrough on a shared screen: slides in board order, drawn from the meeting's frozen
/// snapshot. Read-only except for the meeting's own record (decisions and actions).
public struct Presentation: Sendable, Equatable {
    public enum Slide: Equatable, Sendable {
        case title, minutes, highlight, subGroups, priority(String), interventions, outcomes, funding, risks, record, exit
        /// The slides that show workstream ratings (and so may show `†`).
        public var showsRatings: Bool {
            switch self {
            case .highlight, .priority: true
            default: false
            }
        }
    }

    public var meetingID: String
    /// The slide shown (its index in the running order), and which of its pages.
    public var slide = 0
    public var page = 0
    public var showOutline = false
    public var outlineCursor = 0
    /// Seconds on the runtime's clock when the walkthrough started.
    public var startedAt: Int
    /// Opened from the board (P): q goes back to it rather than quitting.
    public var fromBoard = false

    public init(meetingID: String, startedAt: Int, fromBoard: Bool = false) {
        self.meetingID = meetingID
        self.startedAt = startedAt
        self.fromBoard = fromBoard
    }

    public static func slides(for snapshot: Board) -> [Slide] {
        [.title, .minutes, .highlight, .subGroups] + snapshot.orderedPriorities.map { .priority($0.id) }
            + (snapshot.interventions.items.isEmpty ? [] : [.interventions]) + (snapshot.outcomes.items.isEmpty ? [] : [.outcomes])
            + [.funding, .risks, .record, .exit]
    }

    /// One page of a slide: a slide whose lists do not fit the screen continues on pages 2a, 2b, …, each
    /// in the outline, so nothing shown to the board depends on the projector's size.
    public struct Page: Equatable, Sendable {
        public let slide: Slide
        /// The slide's number in the running order, from 1.
        public let number: Int
        public let page: Int
        public let pages: Int
        /// `3`, or `2a`, `2b` for a slide on more than one page, on past `2z` as a spreadsheet names its
        /// columns (`2aa`, `2ab`, …): every page its own label, however many there are.
        public var label: String { pages > 1 ? "\(number)\(Page.letters(page))" : "\(number)" }

        /// Page 0 is `a`, 25 `z`, 26 `aa`, 701 `zz`, 702 `aaa`.
        static func letters(_ page: Int) -> String {
            var n = max(0, page) + 1
            var out: [Character] = []
            while n > 0 {
                n -= 1
                out.append(Character(UnicodeScalar(UInt8(97 + n % 26))))
                n /= 26
            }
            return String(out.reversed())
        }
    }

    public static func title(_ s: Slide, in b: Board) -> String {
        switch s {
        case .title: "Title"
        case .minutes: "Minutes of the last meeting and matters arising"
        case .subGroups: "Reports from sub-group chairs"
        case .highlight: "VRU highlight report"
        case .priority(let id): b.priorities[id].map { "Priority \($0.number): \($0.title)" } ?? id
        case .interventions: "Commissioned interventions: reach, returns and evaluations"
        case .outcomes: "Outcomes against the success measures"
        case .funding: "Funding and the grant conditions"
        case .risks: "Escalated risks"
        case .record: "Decisions and actions"
        case .exit: "Exit strategy"
        }
    }
}

extension AppState {
    /// How many pages slide `index` takes at this frame's size: its content measured against the room
    /// under its title. Only the slide asked about is drawn.
    public func pageCount(ofSlide index: Int) -> Int { slideDrawn(index).pages }

    /// Slide `index`'s whole content (nil for the title slide) and the pages it takes at this size.
    func slideDrawn(_ index: Int) -> (whole: Frame?, pages: Int) {
        guard let m = meeting, let b = shownBoard else { return (nil, 1) }
        let slides = Presentation.slides(for: b)
        let room = slideContent(width: width, height: height).height
        guard slides.indices.contains(index), slides[index] != .title, room > 0 else { return (nil, 1) }
        let whole = drawSlideContent(slides[index], self, m, b, width: width, pageHeight: room)
        return (whole, max(1, (whole.usedRows + room - 1) / room))
    }

    /// Every page of the walkthrough at this frame's size (for the outline: every slide measured).
    public var slidePages: [Presentation.Page] {
        guard let b = shownBoard else { return [] }
        return Presentation.slides(for: b).enumerated().flatMap { i, slide in
            let n = pageCount(ofSlide: i)
            return (0..<n).map { Presentation.Page(slide: slide, number: i + 1, page: $0, pages: n) }
        }
    }

    /// The index of a slide in the running order.
    public func slideIndex(of slide: Presentation.Slide) -> Int? { shownBoard.flatMap { Presentation.slides(for: $0).firstIndex(of: slide) } }

    public var meeting: Meeting? { presentation.flatMap { board.meetings[$0.meetingID] } }
    /// What the board is shown: the live board while the meeting is a draft, else its frozen snapshot.
    public var shownBoard: Board? { meeting?.shown(live: board) }
    public var previousMeeting: Meeting? { meeting.flatMap { board.meeting(before: $0.date) } }
}

/// The walkthrough's keys: a clicker's (Space, arrows, PgUp/PgDn) and the secretary's (d, a, m).
enum Walkthrough {
    /// What a confirmation says first about a meeting dated after today: it has not met yet.
    static func ahead(_ m: Meeting, _ s: AppState) -> String {
        m.date > s.today ? "⚠ This meeting is dated \(m.date.long), after \(s.board.programme.dateName). " : ""
    }

    /// Runs `change` on the walkthrough with its last slide's index and meeting.
    static func slides(_ s: inout AppState, _ change: (inout AppState, inout Presentation, Int, Meeting) -> [Effect]) -> [Effect] {
        guard var p = s.presentation, let m = s.meeting, let b = s.shownBoard else { return [] }
        let last = Presentation.slides(for: b).count - 1
        let effects = change(&s, &p, last, m)
        if s.presentation != nil { s.presentation = p }
        return effects
    }

    /// The next page: this slide's, else the next slide's first; the last page stays.
    static func next(_ s: inout AppState) {
        let count = s.pageCount(ofSlide: s.presentation?.slide ?? 0)
        _ = slides(&s) { _, p, last, _ in
            if p.page + 1 < count { p.page += 1 } else if p.slide < last { (p.slide, p.page) = (p.slide + 1, 0) }
            return []
        }
    }

    /// The page before: this slide's, else the previous slide's last; the first page stays.
    static func previous(_ s: inout AppState) {
        guard let p0 = s.presentation else { return }
        let before = p0.page == 0 && p0.slide > 0 ? s.pageCount(ofSlide: p0.slide - 1) : 0
        _ = slides(&s) { _, p, _, _ in
            if p.page > 0 { p.page -= 1 } else if p.slide > 0 { (p.slide, p.page) = (p.slide - 1, before - 1) }
            return []
        }
    }

    /// A slide's first page (`last` for the final slide's last page).
    static func show(_ s: inout AppState, slide index: (Int) -> Int, lastPage: Bool = false) {
        guard let b = s.shownBoard else { return }
        let i = max(0, min(Presentation.slides(for: b).count - 1, index(Presentation.slides(for: b).count - 1)))
        let page = lastPage ? s.pageCount(ofSlide: i) - 1 : 0
        _ = slides(&s) { _, p, _, _ in
            (p.slide, p.page) = (i, page)
            return []
        }
    }

    static let keys = KeyGroup(
        Mode.walkthrough.title,
        [
            Binding(
                "walk.next", [.char(" "), .right, .pageDown, .char("l"), .enter], help: "Next slide (or the slide's next page)", hint: "next",
                hintKeys: "Space/→", rank: 1
            ) { s in next(&s) },
            Binding(
                "walk.previous", [.left, .pageUp, .char("h"), .backspace], help: "Previous slide (or the slide's previous page)", hint: "back",
                rank: 2
            ) { s in previous(&s) },
            Binding("walk.first", [.char("g"), .home], help: "First slide") { s in show(&s, slide: { _ in 0 }) },
            Binding("walk.last", [.char("G"), .end], help: "Last slide (its last page)") { s in show(&s, slide: { last in last }, lastPage: true) },
            Binding(
                "walk.jump", (1...9).map { Key.char(Character(String($0))) }, label: "1-9", help: "Jump to a slide (its first page)", hint: "jump",
                hintKeys: "1-9", rank: 3
            ) { s, k in
                guard case .char(let c) = k, let n = c.wholeNumberValue, let b = s.shownBoard, n <= Presentation.slides(for: b).count else {
                    return []
                }
                show(&s, slide: { _ in n - 1 })
                return []
            },
            Binding("walk.outline", [.char("o")], help: "Outline of the slides ({outline.jump} jumps)", hint: "outline", rank: 4) { s in
                // The outline lists every page; its cursor starts on the page shown.
                let pages = s.slidePages
                _ = slides(&s) { _, p, _, _ in
                    p.showOutline = true
                    p.outlineCursor = pages.firstIndex { $0.number == p.slide + 1 && $0.page == p.page } ?? 0
                    return []
                }
            },
            Binding(
                "walk.decision", [.char("d")], help: "Record a decision (saved with the meeting)", hint: "decision", rank: 5,
                disabled: Guard.all(Guard.writable, recordable)
            ) { s in
                if let m = s.meeting { s.modal = .form(DecisionForm.open(m, board: s.board)) }
            },
            Binding(
                "walk.action", [.char("a")], help: "Record an action: text, owner, due date", hint: "action", rank: 6,
                disabled: Guard.all(Guard.writable, recordable)
            ) { s in
                if let m = s.meeting { s.modal = .form(MeetingActionForm.open(m, board: s.board)) }
            },
            Binding(
                "walk.minutes", [.char("e")], help: "The minutes: correct or withdraw a decision or action, mark an action done", hint: "minutes",
                rank: 7, disabled: Guard.writable
            ) { s in
                if let m = s.meeting { s.modal = .minutes(meetingID: m.id, cursor: ListCursor()) }
            },
            Binding("walk.attendance", [.char("A")], help: "Attendance: present, deputy, apologies; the quorum", disabled: Guard.writable) { s in
                if let m = s.meeting { s.modal = .form(AttendanceForm.open(m, board: s.board)) }
            },
            Binding(
                "walk.previousMinutes", [.char("p")], help: "The last meeting's minutes: approved, or approved with amendments",
                disabled: Guard.all(Guard.writable, recordable, hasPrevious)
            ) { s in
                if let m = s.meeting, let p = s.previousMeeting { s.modal = .form(MinutesApprovalForm.open(m, previous: p, board: s.board)) }
            },
            Binding("walk.reports", [.char("s")], help: "The sub-group chairs' reports", disabled: Guard.writable) { s in
                if let m = s.meeting { s.modal = .form(SubGroupReportForm.open(m, board: s.board)) }
            },
            Binding(
                "walk.meeting", [.char("m")], help: "The recommendations, agenda and others attending", disabled: Guard.writable
            ) { s in
                if let m = s.meeting { s.modal = .form(MeetingDetailsForm.open(m, board: s.board)) }
            },
            Binding(
                "walk.paper", [.char("W")], help: "The paper (001's format): author, contacts, the written sections",
                disabled: Guard.writable
            ) { s in
                if let m = s.meeting { s.modal = .form(PaperForm.open(m, board: s.board)) }
            },
            Binding(
                "walk.hold", [.char("H")], help: "Start the meeting proper: the slides freeze as the board is now",
                disabled: Guard.all(Guard.writable, stage(.draft, "the meeting is already held"))
            ) { s in
                if let m = s.meeting {
                    s.modal = .confirm(
                        message: ahead(m, s)
                            + "Start the board of \(m.date.long)? The slides freeze as the board is now; ratings changed later do not change them.",
                        action: .holdMeeting(m.id))
                }
            },
            Binding(
                "walk.close", [.char("C")], help: "Close the minutes: final, later corrections are amendments",
                disabled: Guard.all(Guard.writable, stage(.held, "only a held meeting's minutes can be closed"))
            ) { s in
                if let m = s.meeting {
                    s.modal = .confirm(
                        message: ahead(m, s)
                            + "Close the minutes of \(m.date.long)? They become final: a later correction is recorded as an amendment.",
                        action: .closeMeeting(m.id))
                }
            },
            Binding("walk.help", [.char("?")], help: "Show the keys") { s in
                s.showHelp = true
                s.helpScroll = 0
            },
            Binding("walk.end", [.char("q"), .escape], help: "End the walkthrough", hint: "quit", rank: 8) { s, _ in leave(&s) },
            Binding(
                "walk.readOnly", [.char("r"), .char("n"), .char("x"), .char("u")], label: "r/n/x/u",
                help: "Say that the slides are read-only (the board's edit keys)"
            ) { s in
                s.message = s.keyed(
                    "The slides are read-only: {walk.decision} records a decision, {walk.action} an action, {walk.minutes} corrects the minutes, {walk.attendance} the attendance"
                )
            },
        ])

    /// The line under the slides: the walkthrough's hinted keys in rank order, each whole: what does not
    /// fit `width` is dropped from the end, never cut, except the way out, which always stays last.
    static func hint(_ s: AppState, width: Int = .max) -> String {
        let hinted = s.keyRemaps.apply(keys).bindings.filter { $0.hint != nil }.sorted { $0.rank < $1.rank }.map { b in
            (id: b.id, text: "\(b.hintLabel) \(b.hint!)")
        }
        let quit = hinted.first { $0.id == "walk.end" }?.text
        var out = ""
        for h in hinted where h.id != "walk.end" {
            let next = (out.isEmpty ? "" : out + " · ") + h.text
            guard Width.of(next) + (quit.map { Width.of($0) + 3 } ?? 0) <= width else { break }
            out = next
        }
        return quit.map { out.isEmpty ? $0 : out + " · " + $0 } ?? out
    }

    static let outline = KeyGroup(
        Mode.outline.title,
        [
            Binding("outline.up", [.up, .char("k")], help: "Previous slide in the outline") { s in
                _ = slides(&s) { _, p, _, _ in
                    p.outlineCursor = max(0, p.outlineCursor - 1)
                    return []
                }
            },
            Binding("outline.down", [.down, .char("j")], help: "Next slide in the outline") { s in
                let count = s.slidePages.count
                _ = slides(&s) { _, p, _, _ in
                    p.outlineCursor = min(count - 1, p.outlineCursor + 1)
                    return []
                }
            },
            Binding("outline.jump", [.enter], help: "Show the chosen slide") { s in
                let pages = s.slidePages
                _ = slides(&s) { _, p, _, _ in
                    if pages.indices.contains(p.outlineCursor) {
                        (p.slide, p.page) = (pages[p.outlineCursor].number - 1, pages[p.outlineCursor].page)
                    }
                    p.showOutline = false
                    return []
                }
            },
            Binding("outline.close", [.escape, .char("o")], help: "Close the outline") { s in
                _ = slides(&s) { _, p, _, _ in
                    p.showOutline = false
                    return []
                }
            },
            Binding("outline.end", [.char("q")], help: "End the walkthrough") { s, _ in leave(&s) },
        ])
}

extension Walkthrough {
    /// Decisions, actions and the minutes' approval are recorded while the meeting is held.
    static let recordable: @Sendable (AppState) -> String? = { s in s.meeting.flatMap(recordRefusal) }
    static let hasPrevious: @Sendable (AppState) -> String? = { s in
        s.previousMeeting == nil ? "No earlier meeting is recorded: there are no minutes to approve" : nil
    }
    static func stage(_ st: MeetingStage, _ reason: String) -> @Sendable (AppState) -> String? {
        { s in s.meeting.map { $0.stage == st ? nil : "The meeting is \($0.stage.label.lowercased()): \(reason)" } ?? nil }
    }
}

/// Ends the walkthrough: back to the board when it was opened from there, else quit.
func leave(_ s: inout AppState) -> [Effect] {
    if s.presentation?.fromBoard == true {
        s.presentation = nil
        return []
    }
    return [.quit]
}

// MARK: Drawing

func big(_ f: inout Frame, _ text: String, y: Int, role: Role, width: Int) {
    let w = Width.of(text)
    f.put(text, x: max(2, (width - w) / 2), y: y, role: role, limit: width - 4)
}

func drawPresentation(_ f: inout Frame, _ s: AppState) {
    guard let p = s.presentation, let m = s.meeting, let b = s.shownBoard else { return }
    let slides = Presentation.slides(for: b)
    let index = min(p.slide, slides.count - 1)
    // The slide is drawn once: its pages are counted from the same frame this page is cut from.
    let (whole, count) = s.slideDrawn(index)
    let page = Presentation.Page(slide: slides[index], number: index + 1, page: min(p.page, count - 1), pages: count)
    let slide = page.slide
    f.fill(f.bounds, role: .normal)
    let body = Rect(x: 2, y: 1, width: s.width - 4, height: s.height - 3)
    // Slide title, spaced and underlined; a slide on more than one page says which page this is.
    if slide != .title {
        let title = Presentation.title(slide, in: b) + (page.pages > 1 ? " (\(page.page + 1) of \(page.pages))" : "")
        f.put(title, x: body.x, y: body.y, role: .title, limit: body.width)
        f.put(String(repeating: "━", count: min(body.width, Width.of(title))), x: body.x, y: body.y + 1, role: .heading)
    }
    let content = slideContent(width: s.width, height: s.height)
    // A slide that shows ratings says what `†` means, under its title.
    if slide.showsRatings && b.showsJudgement() { f.put(Provenance.judgementLegend, x: body.x, y: body.y + 2, role: .muted, limit: body.width) }
    if let whole {
        // This page's rows of the slide's whole content.
        f.copyRows(of: whole, from: page.page * content.height, to: content.y, count: content.height)
    } else {
        drawTitleSlide(&f, s, m, b, body)
    }
    // Footer: VRU, meeting date, slide n of N, elapsed time.
    let y = s.height - 1
    f.fill(Rect(x: 0, y: y, width: s.width, height: 1), role: .titleBar)
    let elapsed = max(0, s.clock - p.startedAt)
    let time = String(format: "%02d:%02d:%02d", elapsed / 3600, elapsed / 60 % 60, elapsed % 60)
    let left = " \(b.programme.shortName) · Strategic board \(m.date.long)"
    let right = "Slide \(page.label) of \(slides.count) · \(time) "
    f.put(left, x: 0, y: y, role: .titleBar, limit: s.width - Width.of(right) - 1)
    f.put(right, x: s.width - Width.of(right), y: y, role: .titleBar)
    let hint = s.message ?? Walkthrough.hint(s, width: s.width - 4)
    f.put(hint, x: 2, y: s.height - 2, role: s.message == nil ? .muted : .warning, limit: s.width - 4)
    if p.showOutline { drawOutline(&f, s, s.slidePages, b, p) }
}

/// Where a slide's content goes on a frame of this size: under the title, above the hints and footer.
func slideContent(width: Int, height: Int) -> Rect {
    Rect(x: 2, y: 4, width: width - 4, height: max(0, height - 6))
}

private func drawOutline(_ f: inout Frame, _ s: AppState, _ pages: [Presentation.Page], _ b: Board, _ p: Presentation) {
    let inner = panel(&f, s, width: 80, height: pages.count + 4, title: s.keyed("Outline · {outline.jump} jumps · {outline.close} closes"))
    let rows = max(1, inner.height - 1)
    let first = max(0, min(p.outlineCursor - rows / 2, pages.count - rows))
    for (i, pg) in pages.enumerated().dropFirst(first).prefix(rows) {
        let sel = i == p.outlineCursor
        let title = Presentation.title(pg.slide, in: b) + (pg.page > 0 ? " (continued)" : "")
        f.put(
            " \(pg.label). \(title)", x: inner.x, y: inner.y + i - first,
            role: sel ? .selected : (pg.number == p.slide + 1 && pg.page == p.page ? .heading : .overlay),
            limit: inner.width)
    }
}
