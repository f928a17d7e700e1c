import Foundation
import VRModel
import VRStoreAPI

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
    /// What has been typed after `g` (a slide's number, and its page's letters: `12b`); nil when not going to one.
    public var goTo: String?
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

    /// What a slide is about, to number the agenda item it carries.
    public static func subject(_ s: Slide) -> AgendaSubject? {
        switch s {
        case .title: nil
        case .minutes: .minutes
        case .highlight: .highlight
        case .subGroups: .subGroups
        case .priority: .priorities
        case .interventions: .interventions
        case .outcomes: .outcomes
        case .funding: .funding
        case .risks: .risks
        case .record: .record
        case .exit: .exit
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
        // Drawn once per board, size, minute (the title slide says the time) and key map.
        let key = "\(presentation?.meetingID ?? "")|\(index)|\(width)x\(height)|\(now.prefix(16))|\(keyRemaps)"
        if let hit = derived.slides[key] { return hit }
        let drawn = drawSlide(index)
        derived.slides[key] = drawn
        return drawn
    }

    private func drawSlide(_ index: Int) -> (whole: Frame?, pages: Int) {
        guard let m = meeting, let b = shownBoard else { return (nil, 1) }
        let slides = Presentation.slides(for: b)
        guard slides.indices.contains(index) else { return (nil, 1) }
        let room = slideRoom(slides[index], m, b)
        guard room > 0 else { return (nil, 1) }
        func draw(gap: Int) -> (Frame, Int) {
            let whole = drawSlideContent(slides[index], self, m, b, width: width, pageHeight: room, gap: gap)
            return (whole, max(1, (whole.usedRows + room - 1) / room))
        }
        let (whole, pages) = draw(gap: 1)
        // Drawn closer (no blank rows between its items), a slide on a few pages may fit a page fewer: a
        // last page holding a line or two is never kept when it need not be. (A slide of many pages is not
        // drawn twice for it: a page more or less among dozens is not worth a slower page turn.)
        if pages > 1 && pages <= 8 {
            let close = draw(gap: 0)
            if close.1 < pages { return close }
        }
        return (whole, pages)
    }

    /// The rows one page of a slide has: under the title for most, above the attendance and quorum for the title slide.
    func slideRoom(_ slide: Presentation.Slide, _ m: Meeting, _ b: Board) -> Int {
        slide == .title
            ? max(0, titleBody(width: width, height: height).height - titleFootRows(self, m, b, width: width))
            : slideContent(width: width, height: height, titleRows: slideTitleRows(slide, b)).height
    }

    /// The rows a slide's title takes at this width (wrapped, never cut; with its page "(2 of 3)").
    func slideTitleRows(_ slide: Presentation.Slide, _ b: Board) -> Int {
        slide == .title ? 0 : Width.wrap(Presentation.title(slide, in: b) + " (99 of 99)", to: max(1, width - 4)).count
    }

    /// Every page of the walkthrough at this frame's size (for the outline: every slide measured).
    public var slidePages: [Presentation.Page] {
        guard let b = shownBoard else { return [] }
        return Presentation.slides(for: b).enumerated().flatMap { i, slide in
            let n = pageCount(ofSlide: i)
            return (0..<n).map { Presentation.Page(slide: slide, number: i + 1, page: $0, pages: n) }
        }
    }

    /// The agenda of meeting `m`, each item with the number of the slide that carries it (the first whose
    /// subject its words name; a priority's slide by its title or number), nil where no slide does.
    func agendaSlides(_ m: Meeting) -> [(item: String, slide: Int?)] {
        let agenda = board.agenda(of: m)
        guard let b = shownBoard else { return agenda.map { ($0, nil) } }
        let slides = Presentation.slides(for: b)
        return agenda.map { item in
            let t = item.lowercased()
            let own = slides.firstIndex { slide in
                if case .priority(let id) = slide, let p = b.priorities[id] {
                    return t.contains(p.title.lowercased()) || t.contains("priority \(p.number)")
                }
                return false
            }
            return (item, (own ?? slides.firstIndex { Presentation.subject($0)?.names(t) ?? false }).map { $0 + 1 })
        }
    }

    /// The place a presenter publishes: its slide and page, and the pages that slide takes on its screen
    /// (nil on a follower's screen, or with no walkthrough).
    public var presenterPosition: PresenterPosition? {
        guard follow == nil, let p = presentation else { return nil }
        return PresenterPosition(meeting: p.meetingID, slide: p.slide, page: p.page, pages: pageCount(ofSlide: p.slide), by: user, at: now)
    }

    /// The index of a slide in the running order.
    public func slideIndex(of slide: Presentation.Slide) -> Int? { shownBoard.flatMap { Presentation.slides(for: $0).firstIndex(of: slide) } }

    public var meeting: Meeting? { presentation.flatMap { board.meetings[$0.meetingID] } }
    /// What the board is shown: the live board while the meeting is a draft, else its frozen snapshot.
    public var shownBoard: Board? { meeting?.shown(live: board) }
    public var previousMeeting: Meeting? { meeting.flatMap { board.meeting(before: $0.date) } }
}

/// Slides drawn whole, by what they were drawn for; emptied when it grows past a few dozen (a resize, a
/// minute passing), and dropped with its `Derived` when the board changes.
final class SlideCache: @unchecked Sendable {
    private let lock = NSLock()
    private var drawn: [String: (whole: Frame?, pages: Int)] = [:]

    subscript(key: String) -> (whole: Frame?, pages: Int)? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return drawn[key]
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            if drawn.count >= 48 { drawn.removeAll() }
            drawn[key] = newValue
        }
    }
}

/// A follower's screen: where the presenter is, and whether this screen goes with them (it stops when its
/// user pages on their own, and `f` takes it back to the presenter's slide).
public struct Follow: Equatable, Sendable {
    public var presenter: PresenterPosition?
    public var following = true
    public init(presenter: PresenterPosition? = nil) { self.presenter = presenter }
}

/// The walkthrough's keys: a clicker's (Space, arrows, PgUp/PgDn) and the secretary's (d, a, m).
enum Walkthrough {
    /// The presenter moved: a follower that is following goes to the same slide (the page in proportion:
    /// a screen of another size may page the slide differently).
    static func presenterMoved(_ s: inout AppState, _ position: PresenterPosition?) {
        guard s.follow != nil, var p = s.presentation else { return }
        s.follow?.presenter = position.flatMap { $0.meeting == p.meetingID ? $0 : nil }
        guard s.follow?.following == true, let at = s.follow?.presenter, let b = s.shownBoard else { return }
        let last = Presentation.slides(for: b).count - 1
        p.slide = max(0, min(last, at.slide))
        let pages = s.pageCount(ofSlide: p.slide)
        p.page = at.pages > 1 ? min(pages - 1, max(0, at.page) * pages / at.pages) : 0
        p.goTo = nil
        s.presentation = p
    }

    /// What a confirmation says first about a meeting dated after today: it has not met yet.
    static func ahead(_ m: Meeting, _ s: AppState) -> String {
        m.date > s.today ? "⚠ This meeting is dated \(m.date.long), after \(s.board.programme.dateName). " : ""
    }

    /// Runs `change` on the walkthrough with its last slide's index and meeting.
    static func slides(_ s: inout AppState, _ change: (inout AppState, inout Presentation, Int, Meeting) -> [Effect]) -> [Effect] {
        guard var p = s.presentation, let m = s.meeting, let b = s.shownBoard else { return [] }
        let last = Presentation.slides(for: b).count - 1
        let before = (p.slide, p.page)
        let effects = change(&s, &p, last, m)
        if s.presentation != nil { s.presentation = p }
        // A follower paging on their own screen stops following (f goes back).
        if before != (p.slide, p.page), s.follow?.following == true { s.follow?.following = false }
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
            Binding("walk.first", [.home], help: "First slide") { s in show(&s, slide: { _ in 0 }) },
            Binding(
                "walk.goTo", [.char("g")], help: "Go to a slide: its number (or page, 12b), then Enter", hint: "go to", hintKeys: "g 12↵",
                rank: 3
            ) { s in
                _ = slides(&s) { _, p, _, _ in
                    p.goTo = ""
                    return []
                }
            },
            Binding("walk.last", [.char("G"), .end], help: "Last slide (its last page)") { s in show(&s, slide: { last in last }, lastPage: true) },
            Binding(
                "walk.jump", (1...9).map { Key.char(Character(String($0))) }, label: "1-9", help: "Jump to slide 1 to 9 (its first page)"
            ) { s, k in
                guard case .char(let c) = k, let n = c.wholeNumberValue, let b = s.shownBoard, n <= Presentation.slides(for: b).count else {
                    return []
                }
                show(&s, slide: { _ in n - 1 })
                return []
            },
            Binding(
                "walk.follow", [.char("f")], help: "Follow the presenter again: their slide now, and as they move", hint: "follow", rank: 4,
                disabled: { s in
                    s.follow == nil
                        ? "Only a follower's screen follows (vrboard present --follow)"
                        : s.follow?.following == true ? "Already following the presenter" : nil
                }
            ) { s in
                s.follow?.following = true
                presenterMoved(&s, s.follow?.presenter)
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
            Binding(
                "walk.attendance", [.char("A")], help: "Attendance, a member a row: present, deputy, apologies, absent; the quorum",
                hint: "attendance", rank: 8,
                disabled: Guard.writable
            ) { s in
                if let m = s.meeting { s.modal = AttendanceDialog.open(m, board: s.board) }
            },
            Binding(
                "walk.previousMinutes", [.char("p")], help: "The last meeting's minutes: approved, or approved with amendments",
                hint: "last minutes", rank: 9, disabled: Guard.all(Guard.writable, recordable, hasPrevious)
            ) { s in
                if let m = s.meeting, let p = s.previousMeeting { s.modal = .form(MinutesApprovalForm.open(m, previous: p, board: s.board)) }
            },
            Binding("walk.reports", [.char("s")], help: "The sub-group chairs' reports", hint: "reports", rank: 10, disabled: Guard.writable) { s in
                if let m = s.meeting { s.modal = .form(SubGroupReportForm.open(m, board: s.board)) }
            },
            Binding(
                "walk.meeting", [.char("m")], help: "The recommendations, agenda and others attending", hint: "agenda", rank: 11,
                disabled: Guard.writable
            ) { s in
                if let m = s.meeting { s.modal = .form(MeetingDetailsForm.open(m, board: s.board)) }
            },
            Binding(
                "walk.paper", [.char("W")], help: "The paper (001's format): author, contacts, the written sections", hint: "paper",
                rank: 12, disabled: Guard.writable
            ) { s in
                if let m = s.meeting { s.modal = .form(PaperForm.open(m, board: s.board)) }
            },
            Binding(
                "walk.hold", [.char("H")], help: "Start the meeting proper: the slides freeze as the board is now", hint: "hold",
                rank: 13, disabled: Guard.all(Guard.writable, stage(.draft, "the meeting is already held"))
            ) { s in
                if let m = s.meeting {
                    s.modal = .confirm(
                        message: ahead(m, s)
                            + "Start the board of \(m.date.long)? The slides freeze as the board is now; ratings changed later do not change them.",
                        action: .holdMeeting(m.id))
                }
            },
            Binding(
                "walk.close", [.char("C")], help: "Close the minutes: final, later corrections are amendments", hint: "close",
                rank: 14, disabled: Guard.all(Guard.writable, stage(.held, "only a held meeting's minutes can be closed"))
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
            Binding("walk.end", [.char("q"), .escape], help: "End the walkthrough", hint: "quit", rank: 99) { s, _ in leave(&s) },
            Binding(
                "walk.readOnly", [.char("r"), .char("n"), .char("x"), .char("u")], label: "r/n/x/u",
                help: "Say that the slides are read-only (the board's edit keys)"
            ) { s in
                s.message = s.keyed(
                    "The slides are read-only: {walk.decision} records a decision, {walk.action} an action, {walk.minutes} corrects the minutes, {walk.attendance} the attendance"
                )
            },
        ])

    /// The rows under the slides: the walkthrough's hinted keys in rank order that apply now (a meeting
    /// key the stage or a read-only store refuses is left out), each whole, wrapped onto at most `rows`
    /// lines of `width`; what does not fit is dropped from the end, except the way out, which always stays last.
    static func hint(_ s: AppState, width: Int = .max, rows: Int = hintRows) -> [String] {
        let hinted = s.keyRemaps.apply(keys).bindings.filter { $0.hint != nil && $0.disabledReason?(s) == nil }.sorted { $0.rank < $1.rank }
            .map { b in (id: b.id, text: "\(b.hintLabel) \(b.hint!)") }
        let quit = hinted.first { $0.id == "walk.end" }?.text ?? ""
        var lines = [""]
        for h in hinted where h.id != "walk.end" {
            let last = lines.count == rows
            let next = (lines[lines.count - 1].isEmpty ? "" : lines[lines.count - 1] + " · ") + h.text
            if Width.of(next) + (last ? Width.of(quit) + 3 : 0) <= width {
                lines[lines.count - 1] = next
            } else if !last {
                lines.append(h.text)
            } else {
                break
            }
        }
        // The way out, last: on the last line when it fits there, else on a line of its own.
        let joined = (lines[lines.count - 1].isEmpty ? "" : lines[lines.count - 1] + " · ") + quit
        if Width.of(joined) > width && lines.count < rows { lines.append(quit) } else { lines[lines.count - 1] = joined }
        return lines
    }

    /// The rows the hint bar takes under the slides.
    static let hintRows = 2

    /// Shows the slide (and page) `typed` names, `12` or `12b`; an empty one is the first slide. A number
    /// or page that is not there is said, and the slide stays.
    static func go(_ s: inout AppState, to typed: String) {
        let pages = s.slidePages
        let target = typed.isEmpty ? pages.first : pages.first { $0.label == typed.lowercased() || ($0.page == 0 && "\($0.number)" == typed) }
        guard let target else {
            s.message =
                "No slide \(typed): the slides run 1 to \(pages.last?.number ?? 1)\(pages.contains { $0.pages > 1 } ? ", with pages such as \(pages.first { $0.pages > 1 }!.label)" : "")"
            return
        }
        _ = slides(&s) { _, p, _, _ in
            (p.slide, p.page, p.goTo) = (target.number - 1, target.page, nil)
            return []
        }
    }

    /// While a slide's number is typed after `g`: digits and a page's letters, Enter goes, Esc cancels.
    static let goTo = KeyGroup(
        Mode.goTo.title,
        [
            Binding("goto.go", [.enter], help: "Go to the slide typed (none: the first)") { s in
                go(&s, to: s.presentation?.goTo ?? "")
                _ = slides(&s) { _, p, _, _ in
                    p.goTo = nil
                    return []
                }
            },
            Binding("goto.delete", [.backspace], help: "Delete the last character typed") { s in
                _ = slides(&s) { _, p, _, _ in
                    if let t = p.goTo, !t.isEmpty { p.goTo = String(t.dropLast()) }
                    return []
                }
            },
            Binding("goto.cancel", [.escape], help: "Stay on this slide") { s in
                _ = slides(&s) { _, p, _, _ in
                    p.goTo = nil
                    return []
                }
            },
        ],
        fallback: Binding("goto.type", [], label: "0-9 a-z", help: "The slide's number, then its page's letter") { s, k in
            guard case .char(let c) = k, c.isASCII, c.isNumber || c.isLetter else { return [] }
            _ = slides(&s) { _, p, _, _ in
                if let t = p.goTo, t.count < 8 { p.goTo = t + String(c) }
                return []
            }
            return []
        })

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
    if slide == .title {
        // The title slide's body, paged above its foot (attendance and quorum) on each of its pages.
        let room = s.slideRoom(slide, m, b)
        if let whole { f.copyRows(of: whole, from: page.page * room, to: body.y, count: room) }
        drawTitleFoot(&f, s, m, b, titleBody(width: s.width, height: s.height))
    } else {
        // Slide title, wrapped and underlined; a slide on more than one page says which page this is.
        let title = Presentation.title(slide, in: b) + (page.pages > 1 ? " (\(page.page + 1) of \(page.pages))" : "")
        let rows = f.wrapped(title, x: body.x, y: body.y, width: body.width, role: .title)
        let widest = Width.wrap(title, to: body.width).map { Width.of($0) }.max() ?? 0
        f.put(String(repeating: "━", count: min(body.width, widest)), x: body.x, y: body.y + rows, role: .heading)
        let content = slideContent(width: s.width, height: s.height, titleRows: s.slideTitleRows(slide, b))
        // A slide that shows ratings says what `†` means, under its title.
        if slide.showsRatings && b.showsJudgement() {
            f.wrapped(Provenance.judgementLegend, x: body.x, y: content.y - legendRows(s.width), width: body.width, role: .muted)
        }
        // This page's rows of the slide's whole content.
        if let whole { f.copyRows(of: whole, from: page.page * content.height, to: content.y, count: content.height) }
    }
    // Footer: VRU, meeting date, slide n of N, elapsed time.
    let y = s.height - 1
    f.fill(Rect(x: 0, y: y, width: s.width, height: 1), role: .titleBar)
    let elapsed = max(0, s.clock - p.startedAt)
    let time = String(format: "%02d:%02d:%02d", elapsed / 3600, elapsed / 60 % 60, elapsed % 60)
    // A follower's footer says whether it follows; the longest wording that fits is used, never cut.
    let follow: [String] =
        s.follow.map { f in
            f.following
                ? (f.presenter == nil ? [" · following: nobody is presenting yet", " · following"] : [" · following the presenter", " · following"])
                : [
                    " · " + s.keyed("not following: {walk.follow} goes to the presenter") + (f.presenter.map { "'s slide \($0.slide + 1)" } ?? ""),
                    " · " + s.keyed("not following ({walk.follow})"),
                ]
        } ?? [""]
    let right = "Slide \(page.label) of \(slides.count) · \(time) "
    let room = s.width - Width.of(right) - 1
    let heads = [" \(b.programme.shortName) · Strategic board \(m.date.long)", " \(b.programme.shortName) · \(m.date.long)"]
    let candidates = follow.flatMap { tail in heads.map { $0 + tail } } + follow.map { " \(b.programme.shortName)" + $0 }
    let left = candidates.first { Width.of($0) <= room } ?? candidates.last!
    f.put(left, x: 0, y: y, role: .titleBar, limit: room)
    f.put(right, x: s.width - Width.of(right), y: y, role: .titleBar)
    let hint =
        p.goTo.map { [s.keyed("Go to slide: \($0)▏ {goto.go} goes · {goto.cancel} stays")] } ?? s.message.map {
            Width.wrap($0, to: max(1, s.width - 4))
        }
        ?? Walkthrough.hint(s, width: s.width - 4)
    for (i, line) in hint.prefix(Walkthrough.hintRows).enumerated() {
        f.put(line, x: 2, y: s.height - 1 - Walkthrough.hintRows + i, role: s.message == nil || p.goTo != nil ? .muted : .warning, limit: s.width - 4)
    }
    if p.showOutline { drawOutline(&f, s, s.slidePages, b, p) }
}

/// Where a slide's content goes on a frame of this size: under its title (of `titleRows` rows), its
/// underline and the legend's rows, above the hints and footer.
func slideContent(width: Int, height: Int, titleRows: Int = 1) -> Rect {
    let top = 1 + titleRows + 1 + legendRows(width)
    return Rect(x: 2, y: top, width: width - 4, height: max(0, height - top - 1 - Walkthrough.hintRows))
}

/// The rows under a slide's title kept for the judgement legend (the same on every slide, so a slide's
/// pages do not move as it is paged).
func legendRows(_ width: Int) -> Int { Width.wrap(Provenance.judgementLegend, to: max(1, width - 4)).count }

/// Where the title slide's body and foot go: everything above the hints and footer.
func titleBody(width: Int, height: Int) -> Rect { Rect(x: 2, y: 1, width: width - 4, height: max(0, height - 2 - Walkthrough.hintRows)) }

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
