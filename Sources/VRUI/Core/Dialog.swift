import VRModel

/// A dialog as a feature, in one file: its state, the modes it puts the board in and their key
/// bindings, how it draws, whether closing it would lose work, and what a paste does in it. The
/// board holds at most one open dialog (`AppState.modal`); a new dialog is its file plus one line in
/// `Features.dialogs`.
public protocol DialogFeature: SendableMetatype {
    associatedtype State: Equatable & Sendable
    /// Every mode the dialog can put the board in (a form's own, and its discard question).
    static var modes: [Mode] { get }
    /// The mode for this state of the dialog (default: its first).
    static func mode(_ d: State) -> Mode
    /// The key groups of one of its modes (its own first).
    static func groups(_ mode: Mode) -> [KeyGroup]
    static func draw(_ f: inout Frame, _ s: AppState, _ d: State)
    /// What closing it now would lose ("your changes in …"), or nil.
    static func unsavedWork(_ s: AppState, _ d: State) -> String?
    /// Pasted text, as text (never as keys).
    static func paste(_ s: inout AppState, _ text: String)
    /// Whether the hint bar shows the dialog's keys (false: its panel has its own footer).
    static func hintBar(_ d: State) -> Bool
    /// Whether the walkthrough opens it (its keys are listed among the walkthrough's in help).
    static var inWalkthrough: Bool { get }
}

extension DialogFeature {
    public static func mode(_ d: State) -> Mode { modes[0] }
    public static func unsavedWork(_ s: AppState, _ d: State) -> String? { nil }
    public static func paste(_ s: inout AppState, _ text: String) {}
    public static func hintBar(_ d: State) -> Bool { true }
    public static var inWalkthrough: Bool { false }

    /// The dialog open with `state`.
    public static func open(_ state: State) -> Modal { Modal(Self.self, state) }
}

/// The open dialog: which feature, and its state. Compared by feature and state.
public struct Modal: Equatable, Sendable, CustomStringConvertible {
    public let feature: any DialogFeature.Type
    public private(set) var state: any Sendable

    public init<F: DialogFeature>(_ feature: F.Type, _ state: F.State) {
        self.feature = feature
        self.state = state
    }

    /// Its state, when it is the dialog `F`.
    public func state<F: DialogFeature>(_ f: F.Type) -> F.State? { ObjectIdentifier(feature) == ObjectIdentifier(f) ? state as? F.State : nil }

    public var mode: Mode { Self.mode(feature, state) }
    public var showsHintBar: Bool { Self.hintBar(feature, state) }
    func draw(_ f: inout Frame, _ s: AppState) { Self.draw(feature, &f, s, state) }
    func unsavedWork(_ s: AppState) -> String? { Self.unsaved(feature, s, state) }

    public static func == (a: Modal, b: Modal) -> Bool {
        ObjectIdentifier(a.feature) == ObjectIdentifier(b.feature) && same(a.feature, a.state, b.state)
    }
    public var description: String { "\(feature)(\(state))" }

    // The feature's type opened (SE-0352), so its own State is known.
    private static func mode<F: DialogFeature>(_ f: F.Type, _ st: any Sendable) -> Mode { (st as? F.State).map(F.mode) ?? F.modes[0] }
    private static func hintBar<F: DialogFeature>(_ f: F.Type, _ st: any Sendable) -> Bool { (st as? F.State).map(F.hintBar) ?? true }
    private static func draw<F: DialogFeature>(_ t: F.Type, _ f: inout Frame, _ s: AppState, _ st: any Sendable) {
        if let d = st as? F.State { F.draw(&f, s, d) }
    }
    private static func unsaved<F: DialogFeature>(_ f: F.Type, _ s: AppState, _ st: any Sendable) -> String? {
        (st as? F.State).flatMap { F.unsavedWork(s, $0) }
    }
    private static func same<F: DialogFeature>(_ f: F.Type, _ a: any Sendable, _ b: any Sendable) -> Bool { (a as? F.State) == (b as? F.State) }
}

extension AppState {
    /// The open dialog's state when it is `F` (nil otherwise); setting it opens `F` with that state, and
    /// nil closes it. The one way in and out of a dialog's state: `s[dialog: FormMode.self]?.dirty = true`.
    public subscript<F: DialogFeature>(dialog f: F.Type) -> F.State? {
        get { modal?.state(f) }
        set {
            if let newValue {
                modal = Modal(f, newValue)
            } else if modal?.state(f) != nil {
                modal = nil
            }
        }
    }
}

extension AppState {
    /// Runs `change` on the open dialog `F`'s state and puts it back, unless the change closed it or
    /// opened another; `absent` when `F` is not open. What replaces unpacking `modal`, editing it and
    /// writing it back.
    @discardableResult
    public mutating func withDialog<F: DialogFeature, R>(_ f: F.Type, or absent: R, _ change: (inout AppState, inout F.State) -> R) -> R {
        guard var d = self[dialog: f] else { return absent }
        let r = change(&self, &d)
        if self[dialog: f] != nil { self[dialog: f] = d }
        return r
    }
}

extension Features {
    /// The registry: every dialog. One line per dialog.
    public static let dialogs: [any DialogFeature.Type] = [
        FormMode.self,
        RatingPicker.self,
        ConfirmDialog.self,
        ConflictDialog.self,
        ActionsDialog.self,
        SourcesDialog.self,
        QuarterDialog.self,
        MinutesDialog.self,
        AttendanceDialog.self,
        FindMode.self,
        ViewerMode.self,
    ]

    /// The dialog whose mode `mode` is.
    static func dialog(for mode: Mode) -> (any DialogFeature.Type)? { dialogs.first { $0.modes.contains(mode) } }
}
