import ArgumentParser
import VRModel
import VRStore

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open the board in the terminal (the default).")
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        let b = store.board
        printOut("\(b.programme.name) \(b.programme.year)")
        for p in b.orderedPriorities {
            let counts = RAGCounts(b.workstreams(in: p.id).map(\.inYear))
            printOut("  \(p.number). \(p.title)  " + RAG.scale.filter { counts[$0] > 0 }.map { "\($0.letter) \(counts[$0])" }.joined(separator: "  "))
        }
    }
}
