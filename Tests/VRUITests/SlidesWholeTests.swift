import Testing
import VRModel
@testable import VRUI

/// Nothing on a slide is cut: every text wraps within its column, and what does not fit goes on the
/// slide's continuation pages. Every slide of both datasets, and of a board with 4,000-character
/// comments, decisions and actions, at the sizes a board projects.
@Suite struct SlidesWholeTests {
    static let sizes = [(80, 24), (120, 36), (200, 60)]

    /// Words of ordinary length, `count` characters or so: a comment wraps between them.
    static func long(_ tag: String, _ count: Int) -> String {
        var words: [String] = [tag]
        while words.joined(separator: " ").count < count {
            words.append(["evidence", "returns", "paused", "quarter", "board"][words.count % 5] + "\(words.count)")
        }
        return words.joined(separator: " ")
    }

    /// A held meeting on a dataset's board; `long` gives every workstream, decision, action and risk action a long text.
    static func walkthrough(_ dataset: String, long: Bool, width: Int, height: Int) throws -> AppState {
        var b = try Fixtures.board(dataset)
        if long {
            for var w in b.workstreams.items {
                if var last = w.history.popLast() {
                    last.comment = Self.long("C-\(w.id)", 4_000)
                    w.history.append(last)
                    b.workstreams.put(w)
                }
            }
            for var r in b.risks.items where !r.actions.isEmpty {
                r.actions[0].action = Self.long("RA-\(r.id)", 600)
                r.title = Self.long("RT-\(r.id)", 200)
                b.risks.put(r)
            }
        }
        var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
        m.stage = .held
        m.snapshot = Snapshot(of: b)
        if long {
            m.decisions = [Decision(text: Self.long("D-1", 1_500), at: "2021-11-02T10:00:00Z", by: "clerk")]
            m.actions = [
                MeetingAction(
                    text: Self.long("A-1", 900), owner: "Chief Constable of Nottinghamshire Police", due: Day("2022-01-31")!,
                    at: "2021-11-02T10:00:00Z",
                    by: "clerk")
            ]
        }
        b.meetings.put(m)
        var s = AppState(board: b, width: width, height: height)
        s.presentation = Presentation(meetingID: m.id, startedAt: 0)
        return s
    }

    /// Each slide's pages' text, joined into one line with single spaces (the wrap's breaks undone).
    static func slideTexts(_ s: inout AppState) -> [(label: String, text: String, frames: [Frame])] {
        var out: [(String, String, [Frame])] = []
        let pages = s.slidePages
        for slide in Set(pages.map(\.number)).sorted() {
            var frames: [Frame] = []
            for pg in pages where pg.number == slide {
                s.presentation?.slide = pg.number - 1
                s.presentation?.page = pg.page
                frames.append(render(s))
            }
            // The content rows of each page only (not the title, legend and hints each page repeats).
            let slideKind = pages.first { $0.number == slide }!.slide
            let rows: Range<Int> =
                if slideKind == .title, let m = s.meeting, let b = s.shownBoard {
                    1..<(1 + s.slideRoom(.title, m, b))
                } else {
                    {
                        let c = slideContent(width: s.width, height: s.height, titleRows: s.slideTitleRows(slideKind, s.shownBoard!))
                        return c.y..<c.maxY
                    }()
                }
            let text = frames.flatMap { f in rows.map { f.lines[$0] } }.joined(separator: " ").split(separator: " ").joined(separator: " ")
            out.append(("\(slide)", text, frames))
        }
        return out
    }

    /// Every word of `needle`, in order, in `text`: a text wrapped in a column beside others (a title
    /// beside its ratings, a risk beside the heat map) has other columns' words between its lines.
    static func inOrder(_ text: String, _ needle: String) -> Bool {
        var rest = Substring(text)
        for word in needle.split(separator: " ") {
            guard let r = rest.range(of: word) else { return false }
            rest = rest[r.upperBound...]
        }
        return true
    }

    static func normal(_ t: String) -> String { t.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") }

    @Test("no slide of either dataset, nor of a board of long texts, is cut at 80x24, 120x36 or 200x60", arguments: Fixtures.datasets)
    func noEllipsis(dataset: String) throws {
        for long in [false, true] {
            for (w, h) in Self.sizes {
                var s = try Self.walkthrough(dataset, long: long, width: w, height: h)
                let b = try #require(s.shownBoard), m = try #require(s.meeting)
                let slides = Self.slideTexts(&s)
                for (label, text, frames) in slides {
                    for f in frames { #expect(!f.text.contains("…"), "\(dataset) long=\(long) \(w)x\(h) slide \(label):\n\(f.text)") }
                    _ = text
                }
                let all = Presentation.slides(for: b)
                func text(of slide: Presentation.Slide) -> String { slides[all.firstIndex(of: slide)!].text }
                // Every workstream's latest comment whole on its priority's slide.
                for p in b.orderedPriorities {
                    let t = text(of: .priority(p.id))
                    for ws in b.workstreams(in: p.id) {
                        guard let c = ws.history.last?.comment else { continue }
                        #expect(t.contains(Self.normal(c)), "\(dataset) long=\(long) \(w)x\(h): \(ws.id)'s comment whole on its slide")
                        #expect(Self.inOrder(t, ws.title), "\(ws.id)'s title whole (its column wraps beside the ratings)")
                    }
                }
                // The record: each decision and action whole, the action's owner and date with it.
                let record = text(of: .record)
                for d in m.decisions { #expect(record.contains(Self.normal(d.text)), "\(w)x\(h): the decision whole") }
                for a in m.actions {
                    #expect(
                        record.contains(Self.normal(a.text) + " " + a.owner + " · due " + a.due.long), "\(w)x\(h): the action whole, owner and date")
                }
                // Escalated risks: each title and open action whole.
                let risks = text(of: .risks)
                for r in b.escalatedRisks {
                    #expect(Self.inOrder(risks, r.title), "\(w)x\(h): \(r.id)'s title whole (beside the heat map)")
                    for a in r.actions where a.status != .done { #expect(Self.inOrder(risks, a.action), "\(w)x\(h): \(r.id)'s action whole") }
                }
                // The vision whole on the title slide.
                #expect(text(of: .title).contains(Self.normal("“\(b.programme.vision)”")), "\(w)x\(h): the vision whole")
            }
        }
    }

    @Test("a slide whose last page would hold a line or two is drawn closer to save the page")
    func noPageOfOneLine() throws {
        for dataset in Fixtures.datasets {
            for (w, h) in Self.sizes {
                let s = try Self.walkthrough(dataset, long: false, width: w, height: h)
                let b = try #require(s.shownBoard), m = try #require(s.meeting)
                for (i, slide) in Presentation.slides(for: b).enumerated() {
                    let (whole, pages) = s.slideDrawn(i)
                    guard let whole, pages > 1 else { continue }
                    let room = s.slideRoom(slide, m, b)
                    let last = whole.usedRows - (pages - 1) * room
                    // Only a slide that could not be drawn closer keeps a short last page.
                    if last <= 2 {
                        let close = drawSlideContent(slide, s, m, b, width: w, pageHeight: room, gap: 0)
                        #expect((close.usedRows + room - 1) / room >= pages, "\(dataset) \(w)x\(h) slide \(i + 1) ends on a page of \(last) line(s)")
                    }
                }
            }
        }
    }

    @Test("g, a slide's number and Enter go to any slide, or a page of one (12b); a number not there is said")
    func goTo() throws {
        var s = try Self.walkthrough("nnvru-2021-22", long: true, width: 80, height: 24)
        let pages = s.slidePages
        let count = try #require(pages.last?.number)
        #expect(count >= 10, "the sample has slides past 9")
        func go(_ typed: String) {
            _ = s.press(.char("g"))
            for c in typed { _ = s.press(.char(c)) }
            _ = s.press(.enter)
        }
        go("\(count)")
        #expect(s.presentation?.slide == count - 1 && s.presentation?.page == 0)
        #expect(render(s).lines[23].contains("Slide \(pages.last { $0.number == count }!.pages > 1 ? "\(count)a" : "\(count)") of \(count)"))
        let paged = try #require(pages.first { $0.pages > 1 && $0.page == 1 }, "a slide of several pages")
        go(paged.label)
        #expect(s.presentation?.slide == paged.number - 1 && s.presentation?.page == 1, "\(paged.label)")
        go("")
        #expect(s.presentation?.slide == 0)
        go("99")
        #expect(s.presentation?.slide == 0 && s.message?.contains("No slide 99: the slides run 1 to \(count)") == true, "\(s.message ?? "")")
        // Esc leaves the slide as it was; Backspace takes back a digit.
        _ = s.press(.char("g"), .char("3"), .escape)
        #expect(s.presentation?.slide == 0 && s.presentation?.goTo == nil)
        _ = s.press(.char("g"), .char("3"), .char("9"), .backspace, .enter)
        #expect(s.presentation?.slide == 2)
    }

    @Test("the agenda on the title slide numbers each item by the slide that carries it")
    func agendaNumbersAreSlides() throws {
        var s = try Self.walkthrough("nnvru-2021-22", long: false, width: 120, height: 36)
        let m = try #require(s.meeting)
        var mm = m
        mm.agenda = ["Minutes of the last meeting and matters arising", "VRU highlight report", "Escalated risks", "Any other business"]
        s.board.meetings.put(mm)
        let b = try #require(s.shownBoard)
        let slides = Presentation.slides(for: b)
        let numbered = s.agendaSlides(mm).filter {
            $0.item.hasPrefix("Minutes") || $0.item.hasPrefix("VRU") || $0.item.hasPrefix("Escalated") || $0.item.hasPrefix("Any")
        }
        #expect(
            numbered.map(\.slide) == [
                slides.firstIndex(of: .minutes)! + 1, slides.firstIndex(of: .highlight)! + 1, slides.firstIndex(of: .risks)! + 1, nil,
            ])
        let title = render(s).text
        #expect(title.contains("\(slides.firstIndex(of: .risks)! + 1). Escalated risks") && title.contains("· Any other business"))
    }
}
