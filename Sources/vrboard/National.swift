#if canImport(Glibc)
    import Glibc
#endif
import ArgumentParser
import Foundation
import VRModel
import VRPostgres
import VRReport
import VRRuntime
import VRStore
import VRTerminal
import VRUI

struct National: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "national",
        abstract: "The national view across VRUs: allocation, share on interventions against the floor, conditions, RAG, risks, reach.",
        discussion: """
            Starts from the shipped national dataset (data/national: the 18 VRUs of year one, 002 Table 4.4, with 002 \
            Table 1.1's and 003 §9.2's allocations where they disagree, and 002 Table 4.3's count by level); each VRU \
            with a bundled board (NNVRU, WM-VRU) shows it in full. Each --store (a folder or postgres://…?vru=NAME; an \
            address without ?vru= stands for every VRU of the database the login may see) adds that VRU's full \
            board, in place of its national line when the names match. In a terminal the view is \
            interactive (Enter opens a VRU's board read-only); --format text or csv prints it.
            """)
    @Option(
        name: .customLong("store"), help: ArgumentHelp("A VRU's store (a folder or a PostgreSQL address); repeat for each.", valueName: "dir|url"))
    var stores: [String] = []
    @Flag(help: "Leave out the shipped national dataset: only the --store boards.") var noDataset = false
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv }
    @Option(help: "Print the view as text or csv instead of opening it.") var format: Format?
    @Option(help: ArgumentHelp("Print one frame of the view at this size and exit.", valueName: "COLSxROWS")) var render: FrameSize?
    @Option(help: ArgumentHelp("The order: allocation, share, name or attention.", valueName: "sort")) var sort: String = "allocation"
    @OptionGroup var display: DisplayOptions

    func run() throws {
        guard let order = NationalRow.Sort(rawValue: sort) else {
            throw CLIError("--sort must be one of \(NationalRow.Sort.allCases.map(\.rawValue).joined(separator: ", "))", code: VRBoard.Exit.usage)
        }
        let (dataset, rows) = try National.rows(stores: stores, withDataset: !noDataset)
        guard !rows.isEmpty else { throw CLIError("nothing to show: give --store, or leave out --no-dataset", code: VRBoard.Exit.usage) }
        let title = dataset?.title ?? "\(rows.count) VRU\(rows.count == 1 ? "" : "s")"
        if let format {
            let sorted = NationalRow.sorted(rows, by: order)
            switch format {
            case .csv:
                let head =
                    "vru,allocation,allocation_source,other_allocations,interventions_share,interventions_source,floor,conditions,red,amber,green,escalated_risks,reach,late_returns,board"
                let body = sorted.map { (r: NationalRow) -> String in
                    let rag: [String] =
                        r.rag.map { c in [c[.red] + c[.amberRed], c[.amber] + c[.amberGreen], c[.green] + c[.complete]].map(String.init) }
                        ?? ["", "", ""]
                    var fields: [String] = [r.name, r.allocation.map(String.init) ?? "", r.allocationSource, r.disagreements.joined(separator: "; ")]
                    fields += [r.interventionShare?.description ?? "", r.interventionSource, r.floorText, r.checks == nil ? "" : r.conditionsText]
                    fields += rag
                    fields += [
                        r.escalatedRisks.map(String.init) ?? "", r.reach.map(String.init) ?? "", r.lateReturns.map(String.init) ?? "",
                        r.location ?? "",
                    ]
                    return fields.map(CSVExport.field).joined(separator: ",")
                }
                FileHandle.standardOutput.write(Data(Sanitize.display(([head] + body).joined(separator: "\r\n") + "\r\n", keepLineBreaks: true).utf8))
            case .text:
                for r in sorted {
                    let board =
                        r.rag.map { c in
                            " · workstreams R \(c[.red] + c[.amberRed]) A \(c[.amber] + c[.amberGreen]) G \(c[.green] + c[.complete]) · conditions \(r.conditionsText) · escalated risks \(r.escalatedRisks ?? 0) · reach \((r.reach ?? 0).grouped) · late returns \(r.lateReturns ?? 0)"
                        } ?? ""
                    let also = r.disagreements.isEmpty ? "" : " (also \(r.disagreements.joined(separator: ", ")))"
                    printOut(
                        "\(r.name): \(r.allocation.map(Money.format) ?? "not known") [\(r.allocationSource)]\(also) · interventions \(r.floorText) [\(r.interventionSource)]\(board)\(r.yearOne.map { " · year one \($0)" } ?? "")"
                    )
                }
                if let d = dataset {
                    printOut("National count by target-group level, \(Day(d.asAt)?.long ?? d.asAt) [\(d.levelsTotal.source)]:")
                    for l in d.levels {
                        printOut(
                            "  \(l.level): \(l.interventions) interventions, \(l.individuals.grouped) individuals\(l.note.map { " (\($0))" } ?? "")")
                    }
                    printOut("  All levels: \(d.levelsTotal.interventions) interventions, \(d.levelsTotal.individuals.grouped) individuals")
                }
            }
            return
        }
        // The view at a size, with the user's key remaps (its foot names their keys).
        func view(_ width: Int, _ height: Int) -> NationalState {
            var state = NationalState(title: title, rows: rows, dataset: dataset, width: width, height: height, sort: order)
            state.keyRemaps = Settings.current.keys
            return state
        }
        if let size = render {
            let frame = renderNational(view(size.width, size.height))
            let lines = display.color == .always ? frame.ansiLines(theme: .colour) : frame.lines
            FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
            return
        }
        guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
            throw CLIError("the national view needs a terminal; --format text|csv prints it, --render COLSxROWS draws one frame", code: 2)
        }
        NationalSession.run(colour: display.color.enabled, start: view, openBoard: National.runBoard(readOnly:))
    }

    /// The rows: the dataset's VRUs (those with a bundled board shown in full), then each store's board,
    /// in place of the dataset's line for the same VRU.
    static func rows(stores: [String], withDataset: Bool) throws -> (NationalDataset?, [NationalRow]) {
        let dataset = withDataset ? try loadDataset() : nil
        var rows: [NationalRow] = []
        var taken = Set<String>()
        // A database's address without ?vru= stands for every VRU in it (those the login may see).
        var locations: [String] = []
        for location in stores {
            if let a = try StoreOptions.address(location), a.vru == nil {
                locations += try PostgresStore.vrus(at: a).map { a.with(vru: $0).display(password: a.password) }
            } else {
                locations.append(location)
            }
        }
        for location in locations {
            let store = try StoreOptions.open(location, readOnly: true)
            let match = dataset?.vru(for: store.board)
            if let match { taken.insert(match.id) }
            rows.append(NationalRow(board: store.board, location: store.location, national: match))
        }
        rows +=
            dataset?.rows(skipping: taken) { name in
                (try? Datasets.path(of: name)).flatMap { path in (try? Store(path: path, readOnly: true)).map { ($0.board, path) } }
            } ?? []
        return (dataset, rows)
    }

    static func loadDataset() throws -> NationalDataset {
        guard let dir = Datasets.directory() else {
            throw CLIError("cannot find the bundled datasets; set VRBOARD_DATA to the data/ folder of a vrboard checkout")
        }
        let file = dir + "/national/national.json"
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch { throw CLIError("cannot read \(file): \(error.localizedDescription)") }
        let d: NationalDataset
        do { d = try JSONDecoder().decode(NationalDataset.self, from: data) } catch { throw CLIError("\(file): \(error)") }
        if let problem = d.problem { throw CLIError("\(file): \(problem)") }
        return d
    }

    /// This program on one board, read-only, in the same terminal and process group (so it has the
    /// keyboard, and a hang-up reaches it too); its exit status.
    static func runBoard(readOnly location: String) -> Int32 {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let words: [String] = [exe, "open", "--read-only", "--store", location]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawn(&pid, exe, nil, nil, argv, environ) == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

}
