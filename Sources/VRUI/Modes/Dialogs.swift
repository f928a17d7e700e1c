import VRModel
import VRStore
import VRStoreAPI

extension Mode {
    /// A form or the rating picker asks whether to discard its changes.
    static let discard = Mode("discard", "Discard changes?")
}

/// The question a form and the rating picker share before discarding changes.
enum Dialogs {
    /// A form, the rating picker or the attendance table asks before discarding: y discards, any other key goes back.
    static let discard = KeyGroup(
        Mode.discard.title,
        [
            Binding("discard.yes", [.char("y")], help: "Discard the changes and close") { s in s.modal = nil }
        ],
        fallback: Binding("discard.no", [], label: "any other key", help: "Go back to the form") { s in
            s[dialog: RatingPicker.self]?.confirmDiscard = false
            s[dialog: FormMode.self]?.confirmDiscard = false
            s[dialog: AttendanceDialog.self]?.confirmDiscard = false
        })
}
