import VRModel

/// UI timings (first frame, one keypress); filled in with the front end.
enum UIBench {
    static func run(_ board: Board) {}
}
