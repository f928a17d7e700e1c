// swift-format-ignore-file
// The reference that README points to: `vrboard help TOPIC`. Generated once from the long README; edit here.

import VRUI

/// The reference topics `vrboard help TOPIC` prints (Markdown).
enum HelpTopics {
    struct Topic {
        let name: String
        let summary: String
        let text: String
    }

    static let all: [Topic] = [
        Topic(name: "screens", summary: "A tour of every screen, editing, the walkthrough and the board pack, in full", text: #"""
## Screens

| | |
|---|---|
| ![Overview](screenshots/overview.png) | ![Workstreams](screenshots/workstreams.png) |
| ![Funding](screenshots/funding.png) | ![Risk register](screenshots/risks.png) |
| ![Interventions (WM-VRU)](screenshots/interventions.png) | ![Workstreams (WM-VRU)](screenshots/wmvru-workstreams.png) |
| ![Reach by level and the register's budgets (WM-VRU)](screenshots/interventions-levels.png) | ![Budget monitoring (WM-VRU)](screenshots/funding-monitoring.png) |
| ![Outcomes against the success measures](screenshots/outcomes.png) | ![The years ahead and the bridging (WM-VRU)](screenshots/funding-years.png) |

1. **Overview**: the VRU and year; each priority with its workstreams' in-year RAG counts (and overall
   beside them on a wide terminal); the funding
   headline (allocation, interventions share, each grant condition as one line with two results: on the
   plan and on the forecast outturn, with their shares where they fit, or with its margin until actuals
   are entered); the escalated risks; the latest rating changes. A split that is another year's than the
   board's (NNVRU's is 2020/21's: no 2021/22 split is published, 000 §2.3.6, 001 §4.19) says so here, on
   the funding screen and slide, in the pack and the Programme Summary.
2. **Priorities and workstreams**: the priority list with its description, SNA finding and sponsor; Enter
   opens its workstreams in a table (id, title, lead, sponsor, in-year and overall rating, trend, last
   updated) with a detail pane (objectives and the rating history with every comment). `a` shows every
   workstream at once, grouped by priority, with a column saying in words what needs attention; `f`
   narrows it to what needs attention, then to each reason in turn. Both ratings show at any width.
   `b` marks the selected workstream **for the board** with a line of why (on the risks screen, a
   risk): the next meeting raises it in its matters arising (the slide and the pack's "Raised for the
   board"), and once that meeting is held it is no longer marked; `b` again before then asks to unmark it.
3. **Funding**: the allocation split by category as a bar chart with amounts and shares (shares are
   always derived from amounts), the condition checks with margins in pounds, and the grants with end
   dates and status. Illustrative figures are starred.
   `t` turns it to **budget monitoring**, modelled on hledger's budget report: per category the budget,
   each quarter's actual (a quarter not yet in shows its profile in brackets), spend to date and its
   share of the budget beside the share of the year gone, the forecast outturn (as entered, else the
   actuals plus the profile still to come) and the variance in pounds and words (under budget,
   favourable; over, adverse). A variance of 10% or £10,000 or more (a setting: `monitoring` in
   `funding.json`) is material and needs a commentary (`x`: cause, one-off or lasting, action), shown
   beside it and in the pack; until then the line says so. The conditions are checked three ways: on
   the plan, on actual spend to date (its share of what has been spent so far) and on the forecast
   outturn; one that passes on the plan but fails on the forecast is said in words, as is a forecast
   under- or overspend of the grant of £20,000 or more (after Q3: unspent grant cannot be carried over,
   so it is lost at 31 March unless spent). `a` enters a quarter's actuals and forecasts, category by
   category, as a table with a row a category (beside each, what is in already of its profile; under it,
   the focused category whole and what its amount reads as; a quarter not yet started is refused). `m`
   reprofiles: budget moved between categories (out of and into the quarters still to come) or between
   two quarters of one, with a reason; the approved budget stays beside the new one, and each move is
   journalled and in the pack. Two officers entering actuals at once are both kept. The overview shows
   each condition on the plan and the forecast side by side, and the grant's forecast under- or overspend.
   `t` again turns it to **the years ahead**: every grant's amount by financial year, confirmed (✓) or
   expected (?), the core grant as a row like the others, the match and in-kind contributions beside
   them, and, while next year's core grant is not confirmed, what bridging costs (the months from the
   first to the last at the cost a month; WM-VRU: January to June 2022 at about £180,000 a month,
   £1,080,000, 004 §23-25). The funding slide and the pack carry the bridging and the years.
4. **Risk register**: sortable by residual score, owner, review date and status (open first, those escalated to the board first); filterable by band (`f`); `b` marks one for the board; a
   detail pane with causes, scores, mitigations and source; a 5×5 heat map of open risks by residual
   likelihood × impact where selecting a cell filters the table. Overdue reviews and actions are
   judged against the programme's as-at date, so a historical dataset reads as it did then.
5. **History**: every change in the journal, newest first, with who, when and what (an edit's note names
   the fields it changed); Enter reads a change whole: its note, and each field it changed with the
   value before and after, read from the journal; `H` on a workstream,
   risk or the funding shows that item's history (`f` switches between it and everything). It is read a
   page (200 changes) at a time from the journal's newest end, off the board's main loop: the title says
   "loading…" meanwhile and keys keep working, and the next page comes as the cursor nears the end, so a
   history of years opens as fast as a new one. Under 120 columns the selected change is shown whole in
   a box under the table.

**What needs attention** (`A`, from any screen): every workstream that is red or amber/red in-year,
declining (its in-year rating went down at its last change), not reviewed since the last board meeting,
or not rated or reviewed for more than a quarter (91 days before the as-at date), grouped by priority,
each with its reasons in words ("amber/red · declining", "no update since 20 Jul 2021"). The officer's
keys (`r`, `e`, `x`, `H`) work on the selected row; Enter opens its priority on it.

**Find** (`F` from any screen, or `/` on the overview): one search across the board: workstreams (id,
title, lead, sponsor, every rating comment, objectives, rating), risks (id, title, owner, category,
description, causes), grants, risks' mitigating actions and the board's actions, ignoring case and
accents. Each match says where it matched ("comment of 26 Oct 2021: …"); Enter goes to it: the
workstream in its priority, the risk in the register, the grant on Funding, a mitigating action in its
risk's actions, a board action in its meeting's minutes.

6. **Interventions**: the commissioned interventions, the first half of every programme board (004
   §59): each with its provider, prevention level, this year's reach in the two age bands providers
   report (24 and under, 25 and over; 004 §106), its latest return, whether a return is overdue (in
   words), and the evaluations covering it. The title totals this year's reach; `p` filters by level, `o`
   by returns overdue; the detail pane draws each return's reach as bars by age band. `r` enters a
   quarterly return: the quarter (`2021-Q3`; Q1 is April-June) said back as dates, the two counts
   checked as typed (whole, not negative; "1,204" is fine), a note; a quarter not yet ended is refused
   (returns come in arrears); entering a quarter again corrects it; a change of more than half on the
   previous return is a warning. A return is due 30 days after its quarter ends (a judgement: the seeds
   give no number of days); with no start date and no return, nothing is claimed due. `v` reads one whole;
   `n` adds an intervention and `e` edits one (provider, level, setting, area, budget with whether it is
   from a source, dates, status, exit option, the workstreams it serves, and its source). `f` filters by
   the priority served (its own, or its workstreams').
   `t` turns the table to **the evaluations** (title, status, due date, type, who commissioned it, how
   many interventions it covers, its cost to the VRU; `n` adds one, `e` updates one, its status and, once
   reported, the finding it must then have; `v` reads one whole with the reach of what it covers), and
   then to **reach by prevention level** against last year, with the register's budgets against the
   funding split: the interventions' budgets summed against the interventions categories (over-commitment
   said in pounds), and the evaluation condition (004 §48) measured on the register (the evaluations'
   costs against the interventions' budgets) rather than on one category. A figure resting on an
   illustrative budget carries `*`. `Esc` goes back to the register.
   `a` on the register enters a quarter's actual spend on the selected intervention (and its forecast
   outturn): its own line against its budget, in the detail (spent, share of the budget, forecast and
   the variance); the levels table's panel sets the interventions' spend to date against the
   interventions categories' actuals. `vrboard spend IV-01 --quarter … --actual …` does the same from a
   script.
   The overview shows this year's reach and any returns overdue; the walkthrough has an interventions
   slide after the priorities (reach by level and age band against last year, returns overdue at the
   meeting's date, evaluations not yet reported, the budgets against the split), and the pack has the
   same section with the whole register and the evaluations.
7. **Outcomes**: the Home Office's three success measures, worded exactly (003 §3.10), and local
   measures, each with its baseline and latest periods and its change in words and a glyph as well as
   colour (`↓ down 37% (better)`, `↑ up 85% (worse)`, `? no figure yet`); where a source gives only a
   percentage, only the percentage and its periods are kept, never invented counts. `r` records a value
   as it comes (a quarter, or a period in words; a quarter not yet ended is refused; a second value for
   a quarter corrects the first), and a measure with two or more values shows its change from them and
   a trend; `n` adds a local measure, `e` edits one (a Home Office measure's wording stays theirs). The
   overview counts the measures going the better and the worse way; the walkthrough has an outcomes slide
   and the pack a section.

A change saved in another terminal shows on the open board at once: the board watches the store folder
with inotify and wakes when the journal grows (a burst of saves from another process is taken in, and
drawn, once); where inotify is unavailable it polls twice a second.

### Editing (what portfolio officers do every week)

| | |
|---|---|
| ![Rating picker](screenshots/rating-picker.png) | ![Risk form](screenshots/risk-form.png) |
| ![What needs attention](screenshots/attention.png) | ![Two officers' edits merged](screenshots/merge.png) |
| ![Find](screenshots/find.png) | ![A workstream read whole](screenshots/viewer.png) |

- `r` on a workstream opens the rating picker for the in-year or overall rating (Tab switches), with each
  rating's definition; a comment is required when the rating changes. Keeping the rating with a comment
  records a dated review ("reviewed, no change"), as boards expect each period even when a rating holds:
  shown as such, not counted in the trend, and the latest comment in the pack (`vrboard rag ID` with the
  current rating does the same). Ctrl-B sets its basis: evidence
  (the comment gives it) or judgement (judged from the evidence the comment cites; shown with `†`
  everywhere the rating is). Saving records who (`--user`, else the login name), when, the old and new
  rating, the basis and the comment; the detail pane, the history and the trend update. The detail pane
  also shows where the workstream (or risk, or grant) comes from. The comment is written in a box of
  several lines: it wraps, keeps paragraphs (a paste keeps its line breaks; Ctrl-J starts a line; a tab
  becomes four spaces), PgUp/PgDn move by line (↑/↓ choose the rating), and the count says how much of
  the 10,000-character limit it uses.
- `v` reads the selected workstream whole (every rating change with its comment in full, paragraphs
  kept, the objectives and the exit strategy) or the selected risk (description, causes, every action),
  in a viewer that scrolls however long it is.
- `e` edits the selected workstream (title, lead, sponsor, priority, objectives, exit strategy), risk
  (likelihood and impact pickers show the live score, band, next review and escalation) or, on the
  funding screen, the allocation and category amounts (shares and condition checks update as you type;
  negative amounts, non-numbers and categories over the total are refused beside the field). Enter on
  a grant edits it.
- `n` adds a workstream, risk or grant; `x` archives a workstream or closes a risk with a reason (both
  ask first; nothing is deleted from the journal) or reopens a closed risk; `a` manages a risk's
  mitigating actions (add, edit, complete).
- `u` undoes this session's last edit and Ctrl-R redoes it; each is itself a recorded change.
- Two terminals on one store: a change saved in one shows in the other at once. If both edit the same
  item, the second save merges three ways, field by field (the version the form opened on, mine, and
  theirs): changes to different fields are saved together without a question (the journal says it was
  merged, and with what), and records both added to one list (two decisions, two actions) are both kept.
  Only fields both changed are asked about, each with ● on the side kept: Space switches the selected
  field, Enter saves as chosen, `k`/`t` take mine/theirs for all of them, Esc goes back to your edit (now
  based on theirs, so Enter then saves yours over it knowingly). Nothing is overwritten silently.
- Ctrl-C quits from anywhere, but asks first when a form, a rating or a save waiting on a conflict holds
  unsaved work, and so does `q` on the "terminal too small" screen; any other key goes back to the work.
  Ctrl-Z suspends to the shell; `fg` brings the board back as it was.
- Overdue is said in words, not only in colour: in the risk register's review column, first in a risk's
  detail ("Review overdue since 1 Nov 2021"), beside late mitigating actions, and on the overview beside
  the escalations ("1 review overdue").
- `--read-only` opens the store so that every edit key says so and no file is touched.
- Dates are typed as people write them: `31/03/2022` (day first), `31 Mar 2022`, `31 March 2022`,
  `2022-03-31`, or from the board's date `today`, `tomorrow`, `yesterday`, `+7d`, `-2w`, `Friday` or
  `next Friday`; every one is said back beside the field with its weekday ("read as Thursday 31 Mar
  2022"). A refusal says why: "31/02/2022: February 2022 has no 31st (it has 28 days)", "03/31/2022:
  reads as month first; type 31/03/2022 (day first)", "there is no month 13". Amounts are whole pounds,
  each said back as it will be saved ("read as £3,370,000" for `3.37m`; pence rounded and said).
- A save that meets someone else's asks only about the fields both changed, each side shown as text (a
  list as its items) wrapped in its column; `v` reads the selected field's two versions whole. Whichever
  is kept, the other stays in the history.
- A panel that adds items keeps its place: a risk's action saved goes back to its actions on the new one
  (`n` adds the next); a new item saved on the screen that lists it is selected. An action's owner is
  chosen from the members (a letter goes to the next whose words start with it), or a name typed.
- Text fields edit by character (accents, wide characters and emoji move and delete as one), with
  Home/End, Ctrl-A/E/K/U/W, and bracketed paste (a long paste lands as text; an Enter inside it cannot
  submit the form).

### The board walkthrough and the board pack

| | |
|---|---|
| ![Walkthrough: highlight report](screenshots/walkthrough-highlight.png) | ![Walkthrough: escalated risks](screenshots/walkthrough-risks.png) |
| ![Walkthrough: title slide of a draft meeting](screenshots/walkthrough-title.png) | |

`vrboard present [--meeting yyyy-mm-dd] [--new]` (or `P` on the board) opens the meeting of that date
(today by default). A date with no meeting asks before starting one (`P` asks in a dialog, `present` at
its prompt; `--new` starts it without asking; with no terminal to ask on it is refused), so a mistyped
or future date never makes a meeting by accident. `vrboard meetings` lists them with their stage.

**A meeting's life.**
- **Draft** (being prepared): its slides and pack follow the live board, and say so, with the time
  ("as at 30 Nov 2026 19:22"). A rating changed on Monday is on Thursday's slides.
- **Held**: `H` in the walkthrough (confirmed) or `vrboard meetings hold DATE` starts the meeting proper
  and freezes the board as it is then; a later change to the store does not reach that meeting's slides
  or pack. Decisions, actions and the previous minutes' approval are recorded only while held.
- **Closed**: `C` or `vrboard meetings close DATE` makes the minutes final. A correction or withdrawal
  after that is an **amendment**: journalled, shown on the slide and listed in the pack as made after the
  minutes closed. Meetings recorded before meetings had a life read as held.

**Who was there, and could the board decide?** `A` records each board member (core and associate) as
present, by a deputy (named), with apologies, or absent; `m` adds others in attendance. The quorum follows
the 004 ToR: decisions need the PCC and the Chief Constable (or their representatives) and a majority of
the other members present. The title slide, the attendance table and the pack say whether the meeting is
quorate and why not (the attendance table below); a decision recorded while it is not is marked so on the slide and in the pack. The
WM-VRU rule is 004's own; NNVRU's seeds give none, so the same rule is applied as a model and marked `*`.

**The minutes.** `e` opens them: this meeting's decisions (D1, D2 …) and actions (A1 …), then the actions
carried from earlier meetings. `e`/Enter corrects one (the earlier wording is kept), `x` withdraws it with
a reason (kept, marked withdrawn), Space marks an action done or open again. An action due before its
meeting is accepted with a warning that it will show as overdue. Slide 2, **Minutes of the last meeting
and matters arising**, shows whether the last minutes were approved (`p`: approved, or approved with
amendments, which need saying) and every action still followed from earlier boards with its status
(open, done, overdue); an action done since the last board shows once, as done. `s` records each
sub-group chair's short report, shown on the **Reports from sub-group chairs** slide (the sub-groups are
the programme's: WM-VRU's four from the 004 annex, NNVRU's analytical group from 000 §1.3 with its chair,
frequency and members marked illustrative). `m` also holds the paper header, the agenda and "The board is
asked to" recommendations.

**Slides**, in the standing agenda's order: title (agenda, stage, attendance and quorum); minutes and
matters arising; the highlight report; reports from sub-group chairs; one slide per priority; the
commissioned interventions (when the board has any); funding and the grant conditions; the escalated risks with the heat map; decisions and actions; exit strategy.
"Changed since the last board" compares with the board as the previous held meeting showed it (with no earlier
board: the last quarter), showing both ratings of each workstream, each from → to when it moved. A slide
whose lists do not fit the screen continues on pages 3a, 3b, … (each in the outline, the footer and the
page's title, a workstream never split from its comment), so nothing shown to the board depends on the
projector's size. Nothing on a slide is cut: every comment, decision, action (with its owner and date),
risk title and heading wraps within its column, and what does not fit goes to the next page; a slide
whose last page would hold a line or two is drawn closer so that it fits the page before. The title
slide's agenda numbers each item by the slide that carries it. `g`, a slide's number (or a page,
`12b`) and Enter go to any slide; 1-9 jump at once. The two rows under the slides name every key that
applies now (a meeting key the stage refuses is left out). A high-contrast theme for projectors, every
text in it at 4.5:1 or more on its background (WCAG AA, on xterm's palette); the footer shows the VRU,
the meeting date, slide n of N and the elapsed time. The slides themselves are read-only.

**Following from another terminal.** `vrboard present --follow [--meeting DATE]` opens the meeting
read-only (a folder store, one shared over ssh, or PostgreSQL with a viewer's role: a follower needs no
write permission) and shows the slide the presenter is on, moving as they move: the presenter's place
(meeting, slide, page, the pages that slide takes on their screen) is kept beside the journal in
`presenting.json` (written whole and renamed, never synced, never journalled) or, on PostgreSQL, in
`vrboard_presenting` through `vrboard_present` (anyone who may see the VRU), and it wakes followers by
the same inotify or NOTIFY as a save. A follower's screen of another size shows the same slide and the
page in proportion. Paging on one's own screen stops following (the footer says so); `f` goes back to
the presenter's slide and follows again. Decisions, actions and attendance the secretary saves appear as
they are saved. The benchmark measures a follower seeing the presenter move on both stores.

**Attendance** (`A`) is one table, a member a row: `p` present, `a` apologies, `x` absent (each moving on
to the next member), `d` a deputy (type the name, Enter), Space cycles, `P` marks everyone not yet
recorded present, Backspace clears; the quorum is worked out above as it changes, and Enter saves (a
deputy without a name is refused, the table waiting on that row for it). A decision and an action are
typed in the multi-line editor (`Ctrl-J` a new line), the whole wording shown as it grows; an action's
owner is chosen from the members (typing a letter goes to the next whose words start with it), or
someone else's name typed below, said not to be a member.

`vrboard export --format md|html|pdf [--meeting DATE | --live] [--marking TEXT] [--out FILE]` writes the
board paper of a meeting in the report format of the Commissioner's office (001): the meeting of
`--meeting`, else the latest on or before the board's date (stderr says which; with a meeting dated after
it the export names both and stops, exit 2, rather than guess); `--live` writes the board as it is now.
The paper opens with 001's header: For Consideration (or Decision, Information); Public (or Not for
publication, with the reason); Report to; Date of Meeting; Report of (the accountable body); Report
Author and E-mail (a member, with the e-mail the members register holds); Other Contacts (members);
Agenda Item (its number on the agenda); the protective marking; and the status in the meeting's own
dates and the board's (DRAFT, PREPARED DRAFT, held, minutes closed). Then the contents, the attendance
with the quorum rule, the agenda with the part of the paper each item is in, and 001's twelve sections:
1 Purpose of the Report, 2 Recommendations, 3 Reasons for Recommendations (each written by the secretary),
4 Summary of Key Points (4.1 minutes and matters arising, 4.2 the highlight report, 4.3 the sub-group
chairs' reports, 4.4 decisions and actions, 4.5 the exit strategy), 5 Financial Implications (drawn: the
allocation, each condition on the plan, the forecast outturn, what is at risk), 6 Human Resources
(written), 7 Equality Implications (drawn: reach by age band and level, the VRU's equality commitments
with their sources), 8 Risk Management (drawn: the escalated risks, reviews overdue, changes since the
last board), 9 Policy Implications and links to the Police and Crime Plan (drawn from each priority's
link), 10 Legal and 11 Consultation (written), 12 Appendices (listed). The appendices hold the registers
whole: priorities and workstreams, interventions, outcomes, funding and budget monitoring, the risk
register with its heat map, and who changed what since the last board.
A written section is the secretary's text from the paper form (`W` in the walkthrough), numbered as 001
numbers its paragraphs (1.1, 1.2); "None" or "NA" prints "None."; an empty one prints NOT YET WRITTEN,
and the title slide and `vrboard meetings` say which are missing. A paper names members, never logins: a
change is the member's whose login saved it, a name given that differs is shown beside it ("The Chair
(recorded by Interim Head of VRU)"), and a login no member holds is not printed. The HTML is one
self-contained A4 file: the marking at the top and foot of every printed page, "Page n of N", table
headers repeated on each page, RAG as text as well as colour. `--format pdf --out FILE` prints it with a
headless Chromium (`VRBOARD_BROWSER` names another) and gives the contents their page numbers: printed
once, the page of each heading is read back with pdftotext, then printed again with the numbers; it
refuses, saying what to install, without Chromium or poppler-utils.

`vrboard export --paper summary [--quarter 2021-Q2] --format md|html|pdf` writes the quarterly VRU
Programme Summary (000 §2.3.6, "reported to the Board on a quarterly basis") of the quarter (default: the
last one ended at the board's date; stderr says which): 1 the highlight (in-year ratings at the quarter's
end by priority, every rating changed inside it with its comment, what was only reviewed, the red and
amber/red at its end), 2 spend against profile (each category's actual for the quarter beside its
profile, behind or ahead, and the year to the quarter's end; a category not entered is said so, not
counted as nothing; the interventions' own spend; the conditions on the plan and the forecast), 3 the
reach returns (in, due or overdue with the date; a return covering two quarters shown whole and not
counted in the quarter), 4 the risks, 5 the outcomes (the value for the quarter and the latest), 6 the
quarter close (what `vrboard quarter` lists, with owners), and Appendix A the budget monitoring as it
stood at the quarter's close. 000 §2.3.6 has the summary carry the police's Surge Funding monitoring
reports as an appendix; the store holds none, and the paper says to attach them. A quarter of another
financial year is summarised from that year (`--year`); one not started is refused.
`vrboard export --format csv --out DIR` writes `workstreams.csv`, `risks.csv`, `funding.csv`,
`interventions.csv`, `reach.csv` (every return, a row), `evaluations.csv`, `outcomes.csv` and
`monitoring.csv` (each category's budget, each quarter's profile and actual, to date, forecast,
variance in pounds and per cent, favourable or adverse, material, commentary, illustrative; then each
intervention's own line) (UTF-8
with a byte-order mark, a header row, RFC 4180 quoting) for spreadsheets, and every register whole in
`registers/` (one CSV per register and per list of records, as `vrboard template` writes them), which
`vrboard import DIR --into STORE` reads back to the same board (meetings are not a register).

RAG is never shown by colour alone: every rating carries its letter (G, A/G, A, A/R, R, C for complete,
`-` for not rated). `c` switches to the three-colour display many boards use (A/G counts as green, A/R as
red); the five-point value is what is stored. `NO_COLOR=1` or `--color never` gives a clean monochrome
screen for projectors (ratings then show as reverse-video badges, and a selected row stays one unbroken
band). Below 80×24 a "terminal too small" screen appears; q still quits (asking first if an edit is open).

Screenshots are regenerated with `bash screenshots/make.sh` (the real binary in tmux, captured to PNG).
"""#),
        Topic(name: "keys", summary: "Every key, on every screen and dialog (from the keymap), with the id to move each by", text: #"""
## Keys

Every key of every mode is a binding: the table below, the hint bar and the help (`?`) are all made
from them, and a test checks that a key no binding names changes nothing. Help lists the keys that work
where you are first (with the reason a key is unavailable now, such as read-only or nothing selected),
then every other key. A key pressed on a screen where it does nothing says where it works ("e works on
Workstreams (2), Funding (3) and Risks (4)"). The last column is the id the config file's `[keys]`
uses to move a key. `vrboard keys` prints the same table (as the keymap defines it):

{{KEYS}}

"""#),
        Topic(name: "commands", summary: "Every command, its options, and the exit codes", text: #"""
## Commands

Every command that reads a store takes `--store DIR|URL` (else `$VRBOARD_STORE`, the config file's
store, or your own store made from the sample). Those that take no other argument (`present`, `render`,
`meetings`, `validate`, `repair`, `sources`, `export`) also take the store as their argument, the way
`init` takes its folder: `vrboard validate ./store`. (`vrboard` alone opens the board; a word after it
is a command, so a mistyped command is said to be one rather than taken for a store.)

| Command | Does |
|---|---|
| `vrboard [open] [--store DIR] [--user NAME] [--read-only] [--color auto\|always\|never] [--no-mouse] [--screen NAME]` | Open the board (`open` is the default command). A store you cannot write opens read-only, saying why. |
| `vrboard present [--store DIR] [--meeting yyyy-mm-dd] [--new] [--user NAME]` | The board walkthrough for a shared screen; a date with no meeting asks before starting a draft (`--new`: without asking). |
| `vrboard present --follow [--store DIR\|postgres://…] [--meeting yyyy-mm-dd]` | Follow the presenter of a recorded meeting from another terminal, read-only (a PostgreSQL viewer can): the presenter's slide as they move; paging on your own stops following, `f` follows again. |
| `vrboard meetings [--store DIR]` | The meetings recorded: date, stage (draft, held, closed), decisions, actions, the quorum, and the board shown. |
| `vrboard meetings schedule DATE… [--store DIR] [--user NAME]` | Schedule meetings ahead: a draft on each date, its slides following the live board until it is held. |
| `vrboard meetings plan [--store DIR]` | The forward plan: each meeting from the board's date on, the quarter whose close it receives, and the annual business it takes (overdue and settled items said so). |
| `vrboard meetings hold DATE [--store DIR] [--user NAME] [--future]` | Hold a draft meeting: freeze the board as it is now as the board shown (`H` in the walkthrough). A meeting dated after the board's date is refused unless `--future` says it is meant (`H` asks, saying so). |
| `vrboard meetings close DATE [--store DIR] [--user NAME] [--future]` | Close a held meeting's minutes: later corrections are amendments (`C` in the walkthrough). A meeting dated after the board's date is refused unless `--future` says it is meant. |
| `vrboard date [--store DIR] [--today \| --fixed yyyy-mm-dd]` | Show the board's date, the one every judgement uses; `--today` makes it live (today, moving by itself), `--fixed` fixes it. |
| `vrboard quarter [--store DIR] [--quarter 2021-Q3] [--format text\|csv]` | The quarter close (`Q` on the board): reach returns not in, actuals not entered, material variances without commentary, workstreams not rated or reviewed for the quarter, risks past review and conditions at risk on the forecast, each with its owner; exit 1 while anything is outstanding. Default: the last quarter ended at the board's date. |
| `vrboard year [list\|open YEAR [--yes]\|undo] [--store DIR]` | The store's financial years. `open 2022/23` (`Y` on the board) closes the board's year as it stands and carries everything open forward, with the core grant's next amount as the allocation and a draft split to approve; it says what will happen and asks first (`--yes` off a terminal). `undo` takes it back while nothing has been entered in the new year. Any command given `--year 2021/22` reads a closed year as it stood, read-only. |
| `vrboard render [--store DIR] --screen overview\|workstreams\|funding\|risks\|history\|interventions [--size COLSxROWS] [--color never\|always] [--priority ID] [--meeting DATE --slide N]` | Print one frame (or one walkthrough slide), drawn by the same views as the live board. |
| `vrboard init DIR\|URL [--dataset nnvru-2021-22\|wmvru-2021-22\|empty \| --from FOLDER]` | Create a store: a new folder, or a VRU in a PostgreSQL database (`postgres://…?vru=NAME`; the first creates vrboard's tables, roles and policies). `--from` starts from a folder of JSON written by hand (the files `data/` holds; `programme.json` and `funding.json` required), checked as `validate` checks a store, and creates nothing unless it is sound. |
| `vrboard validate [--store DIR]` | Check every file (syntax, types, every number within its bounds, text free of control characters, the journal's sequence and revision chain, references); exit 0 when sound (warnings allowed, e.g. a torn last line from a write that was never acknowledged), else 1 with one `file:line:column: reason` line per problem. Changes nothing. |
| `vrboard template --out DIR` | Write the registers as spreadsheets to fill in: `programme.csv`, `funding.csv`, `members.csv`, `priorities.csv`, `workstreams.csv`, `risks.csv`, `interventions.csv`, `evaluations.csv`, `outcomes.csv`, `sources.csv` (the documents the figures cite), and one per list of records inside them (`workstreams.history.csv`, `risks.actions.csv`, `funding.grants.csv`, …, whose first column names the row it belongs to). Each has its header, a guidance row (starting `#`, skipped on import) and an example row from the NNVRU sample, marked as the example in its source, which import refuses until it is replaced or deleted. Nothing in DIR is overwritten. |
| `vrboard import DIR --into DIR\|URL [--dry-run] [--user NAME]` | Read register spreadsheets into a new store, or add and update by id in an existing one. Every sheet is read and checked (decoding, the store's text and number limits, references, the figures that must agree) before anything is written; each problem is printed as `file:row:column (column G): reason`, and then nothing is written (exit 1). Reads UTF-8 with or without a byte-order mark and Windows-1252, comma or semicolon separated; amounts as `£1,234`, `1234.00` (pence refused, never rounded away); dates as `2022-03-31` or `31/03/2022`; yes/no or TRUE/FALSE. A column a sheet leaves out keeps the stored value; a records table that is absent leaves the records as they are. `--dry-run` lists each document it would add or update (with the fields that differ). Each change is one durable save in the history; a save another terminal made meanwhile stops the import there (exit 3), and running it again picks up the rest. DIR may be what `export --format csv` wrote (its `registers/` is read). |
| `vrboard repair [--store DIR] [--dry-run]` | Make a damaged store openable: copy every file to `backup-repair-<time>/` first, then remove the journal lines that cannot be read or break the chain and a torn last line, and move a checkpoint that is past the end back; reports each line removed and whether the snapshots still hold its change. `--dry-run` reports and changes nothing. |
| `vrboard spend CATEGORY --quarter 2021-Q2 --actual N [--forecast N] [--note TEXT] [--user NAME]` | Record a quarter's actual spend on a category (its id or name) and optionally the forecast outturn for the year; exits 0 once durable, with a warning on stderr when a condition fails on the forecast or the grant's outturn is beyond the threshold. A quarter not started or of another year, an unknown category or an amount that is not whole pounds from 0 is refused and nothing is written. |
| `vrboard spend --import FILE --quarter 2021-Q2 [--note TEXT]` | Import a quarter's actuals from a finance system's CSV export: a header row naming a category column (`category`, or `cost centre`) and an amount column (`amount`, `actual`, `spend`), optionally a `forecast` column; UTF-8, UTF-16 or Windows-1252; `£`, commas and brackets for credits understood, pence rounded (and said). Every row is checked and nothing is written unless every row is valid; each problem names its row and column. |
| `vrboard reach INTERVENTION-ID --quarter 2021-Q3\|"Q1-Q2 2021/22" --under-25 N --over-25 N [--note TEXT] [--reason TEXT] [--user NAME]` | Record a quarterly reach return from a script; exits 0 once durable; a second return for the quarter corrects the first. A quarter not yet ended, an unknown id or a count that is not a whole number from 0 to 100,000,000 is refused and nothing is written; a change of more than half on the previous return is saved with a warning on stderr. A return for the quarters of one already in corrects it whole (a two-quarter return as `Q1-Q2 2021/22`); one quarter of a two-quarter return splits it only with `--reason`, and the history says which return it replaced. |
| `vrboard rag WORKSTREAM-ID RATING (--note TEXT \| --note - \| --note-file PATH) [--overall] [--judgement] [--user NAME]` | Change a rating from a script; exits 0 once the change is durable (`--note -` reads the evidence from stdin). On a folder it reads that workstream, not the whole board (25-34 ms in the benchmark, on a store of 10,000 workstreams), as `reach`, `spend`, `date` and `source` read what they change. `--judgement` records the rating as judged from the evidence in the note rather than given by it; it shows with `†`. |
| `vrboard source ID [--title T] [--publisher P] [--date D] [--kind published\|as-at\|meeting] [--link URL] [--sections LIST] [--note TEXT] [--user NAME]` | Declare a document the board's figures cite (a new one needs a title, a publisher and a date), or change what the options name; one durable save in the history (on PostgreSQL editors, the secretary and administrators may). With the id alone, prints the document. |
| `vrboard sources [--store DIR] [--format text\|csv]` | Every figure, rating, post and quoted text with its source or its illustrative or judgement mark, grouped by the document it cites (each with its publisher and date; the uncited after them); a rating an officer entered with evidence is listed as `recorded`. Citations name the documents the store declares in `sources.json` (a store declaring none is read against the five the shipped data declares). Exits 1 when anything shown as fact has no source, a citation names a place its document does not list, or a dated record (a rating change or review, a return, an actual, a value) cites a document dated after it, so a pack's provenance can be checked before it goes out. `--format csv` keeps one row a record, with the documents it cites and its date. |
| `vrboard export --format json\|md\|html\|pdf\|csv [--meeting DATE \| --live] [--marking TEXT] [--out PATH]` | The whole store as JSON; the board paper (001's format) as Markdown, HTML or an A4 PDF: a meeting's (by default the latest on or before the board's date; exit 2 naming them when one is dated after it), or with `--live` the board as it is now; CSV into a folder (the board now, or as shown at `--meeting`). |
| `vrboard export --paper summary [--quarter 2021-Q2] --format md\|html\|pdf [--marking TEXT] [--author NAME] [--out FILE]` | The quarterly VRU Programme Summary (000 §2.3.6): the quarter's highlight, spend against profile, reach returns, risks, outcomes and quarter close, with the budget monitoring as an appendix. Default: the last quarter ended at the board's date. A quarter of another year or not started, or `--meeting`/`--live`/`csv`/`json` with it, is refused (exit 2). |
| `vrboard history [ID] [--limit N] [--since yyyy-mm-dd] [--by USER] [--format json]` | The journal of changes, newest first, read from the newest end a page at a time (so `history \| head` and `history ID` cost the same on a long history as on a short one); one document's changes found by the segments' indexes. Who saved each change is the name given (`--user`), with the operating-system login (folder store) or database role (PostgreSQL), or the member who carries it, beside it where they differ: `The Chair (recorded by alice)`. |
| `vrboard copy --from DIR\|URL --to DIR\|URL` | Copy a store with its whole journal, folder to PostgreSQL or back; the target must be new. The copy's `export` and `history --format json` are byte for byte the source's. |
| `vrboard grant viewer\|editor\|secretary\|admin\|national LOGIN --store URL` | PostgreSQL: give a database login a vrboard role (below). The login must exist. |
| `vrboard national [--store DIR\|URL]… [--no-dataset] [--sort allocation\|share\|name\|attention] [--format text\|csv] [--render COLSxROWS]` | The national view: per VRU, the allocation (every source's figure where they disagree), the share on interventions against the 20% floor, the conditions, the workstreams' RAG, escalated risks, reach and late returns. An address without `?vru=` stands for every VRU of the database the login may see (the `national` role sees them all). In a terminal its keys (in `vrboard help keys`, and remapped by the config file's `[keys]` like the board's): `↑↓`/`j k` move, `s` sorts, `/` filters by name, `t` shows or hides the national count by level, `Enter` opens a VRU's board read-only (and `q` there comes back), `q` quits. |

The store is chosen by `--store DIR|URL`, else `$VRBOARD_STORE`, else the config file's `store`, else the
per-user default. `init DIR|URL` also takes an address.

Exit codes, the same for every command: **0** done (for `validate`: sound, perhaps with warnings); **1** a
problem (an unsound store, a failed save, a missing item), with one `file:line:column: reason` line per
problem or one `vrboard: error:` line; **2** bad usage (an unknown command or option, a missing or
invalid argument, a note with a control character or over the limit), always one line ending in where
to read more (`see vrboard rag --help`); **3** a save refused because someone else changed the item.
Every option value (`--screen`, `--size`, `--meeting`, `--format`, `--dataset`) is parsed the same way,
so a bad one always reads `The value 'x' is invalid for '--size <COLSxROWS>'` and exits 2.

The manual page is made from these topics and the keymap: `vrboard help man > ~/.local/share/man/man1/vrboard.1`
(then `man vrboard`), or `vrboard help man | man -l -` to read it at once. Shell completions come from
the command definitions:

```sh
vrboard --generate-completion-script bash > ~/.local/share/bash-completion/completions/vrboard
vrboard --generate-completion-script zsh > ~/.zfunc/_vrboard       # with fpath+=(~/.zfunc) in ~/.zshrc
vrboard --generate-completion-script fish > ~/.config/fish/completions/vrboard.fish
```

`validate` also refuses what the line-by-line reading would tolerate: a byte-order mark at the start of a
journal file (`repair` removes it), a snapshot revision changed by hand (it must be its newest change's),
and a key named twice in one object (vrboard's decoder and other readers disagree on which counts), each
with its `file:line:column`. Drawing a text costs only what is shown: a 1,000,000-character comment is
wrapped and cut as far as the screen needs, so the board stays responsive to keys and signals.

Text limits, shared by the command line and the board's forms: a field holds at most 10,000 characters
and no control character (C0 other than the line breaks a comment may hold, DEL or C1); a paste holding
one is refused with the field named. Whatever a store holds, nothing from it reaches a terminal raw:
every screen, `history`, `render`, `validate` and the Markdown pack show a control character as a
visible picture (`␛`, `␇`); JSON escapes it; Markdown and HTML escape `<`, `>` and `&`, and Markdown
backslash-escapes whatever could begin its own syntax (`[`, `]`, `!`, `` ` ``, `\`, an opening `*`, `_` or `~`,
and `#`, `>`, `-`, `+`, `1.` at a line's start), so `[x](javascript:…)` in a title stays text; CSV prefixes text
that begins with `=`, `+`, `-`, `@`, tab or CR with `'` (OWASP's rule for formula injection) and leaves
numbers as numbers.
"""#),
        Topic(name: "postgres", summary: "Running the board on PostgreSQL: set-up, roles, what the server enforces", text: #"""
### On PostgreSQL, and across VRUs

The folder store needs nothing installed and stays the default. When partners on several machines share
one board, or a region looks across VRUs, the same board runs on PostgreSQL (Debian's `postgresql`
package; any server your IT department runs will do). A local one, in a few commands:

```sh
sudo apt-get install -y postgresql && sudo service postgresql start
sudo -u postgres psql -c "CREATE ROLE vradmin LOGIN CREATEROLE PASSWORD 'change-me'" -c "CREATE DATABASE vrboard OWNER vradmin"
export PGPASSWORD=change-me     # or a line in ~/.pgpass; never put it on a shared command line
swift run vrboard init "postgres://vradmin@localhost/vrboard?vru=nnvru" --dataset nnvru-2021-22
swift run vrboard --store "postgres://vradmin@localhost/vrboard?vru=nnvru"     # or VRBOARD_STORE=…
```

The first `init` creates vrboard's tables, roles and policies. `vrboard grant editor alice --store …`
makes the login `alice` an editor of that VRU; `vrboard copy --from DIR --to postgres://…` (or back) moves
a store with its whole history. `swift run vrboard national` opens the national view: the 18 VRUs of year
one, with NNVRU's and WM-VRU's boards in full; `--store` adds any VRU's board, folder or PostgreSQL.

### The PostgreSQL store

`--store postgres://USER@HOST:PORT/DB?vru=NAME[&sslmode=disable|prefer|require|verify-full]`. The password
comes from the address, `PGPASSWORD` or `~/.pgpass` (ignored, as libpq ignores it, when others can read it),
and is never printed: messages show the address without it. One database holds any number of VRUs.

- **The same rules as the folder store.** Each document is a JSONB row with its revision. A save is one
  call of the server's own function `vrboard_save`, in a transaction of its own on one connection: the
  VRU's advisory lock (one writer at a time, so the journal's sequence has no gaps), `rev = base` checked
  (else a conflict, with both versions, and nothing written), the journal row added (the commit point,
  numbered and stamped by the server), the document updated, a `NOTIFY`. The board says "saved" only
  once `COMMIT` has answered (a statement's rows arrive before an implicit transaction commits, so the
  save is never acknowledged on them alone). A transaction never continues on a connection made afresh:
  if its connection goes, the rest fail and the server rolls it back. A save sent and never answered is
  looked for in the journal on a new connection: found, it is saved; not there, not saved; the server
  unreachable, `unknown: check` with the `vrboard history` to run.
- **Live refresh** by `LISTEN`/`NOTIFY` on a connection of its own (made again if it drops), waking the
  board the moment another machine saves, as inotify does for a folder.
- **A lost server** is a clear message (`cannot reach the PostgreSQL store at …`), never a hang: connecting
  gives up after 5 s and any statement after 30 s; the next action reconnects.
- **The schema** (version 2) is created and moved forward by vrboard itself, under an advisory lock, in one
  transaction, never dropping anything; a database at a newer version is refused; read-only opening never
  writes. A version 1 database is moved to 2 by the next writable open (an administrator's).
- **Who may do what is enforced by the server**: GRANTs and row-level security.

  | Role | May |
  |---|---|
  | `vrboard_viewer` | read the board and walk the meeting through it |
  | `vrboard_editor` | change workstreams, risks, interventions, evaluations, funding and outcomes |
  | `vrboard_secretary` | record meetings and members |
  | `vrboard_admin` | change everything, for every VRU; create VRUs; grant roles |
  | `vrboard_national` | read every VRU of the database |

  Viewers, editors and secretaries see only the VRUs they are granted. A login that may change nothing
  (a viewer) opens the board read-only, saying why. A refused save says who you are and what your role may do: `not saved: the database refused it: role 'bob' may not change workstreams
  in nnvru (a viewer may read the board and walk the meeting through it)`.
- **The server is the only way in.** Editors and secretaries are granted no `INSERT`, `UPDATE` or `DELETE`
  on any table: they save only through `vrboard_save`, a `SECURITY DEFINER` function owned by the role
  `vrboard_owner` (which cannot log in), with `SET search_path = <schema>, pg_temp` and every name
  schema-qualified, so a temporary table or function of the caller's cannot stand in for vrboard's. The
  access list is readable by administrators only; a VRU's name only by those who may see it. A test tries,
  as a viewer and as an editor of one VRU, each way around: a temporary `vrboard_access` naming another
  VRU (reading it, updating it, saving into it), a direct `UPDATE` of a document, a direct `INSERT` into
  the journal or the documents, `DELETE` of either, reading another VRU's documents and journal, reading
  the access list, adding oneself to it, calling `vrboard_save` for another VRU or as a viewer, and a save
  whose document is not the one it names: each is refused by the server and nothing changes.
- **Attribution cannot be forged**: each journal row carries `session_user`, stamped by the server whatever
  the client sends; only an administrator's `repair` may change the journal. On the folder store each
  change records the process's operating-system login beside `--user`. A member's `logins` (OS logins and
  database roles) name who a login is: a change is shown as the name given with whoever recorded it beside
  it where they differ, `The Chair (recorded by Alice Smith)` (or `(recorded by alice)` for a login no
  member carries), in History, `vrboard history` and the detail pane. A paper and its CSVs name members,
  never logins: a login no member carries is "saved under a login no member holds", and a bare login
  given as the name is "an officer not on the members list".
- **`validate` and `repair` on PostgreSQL**: `validate` checks the journal's chain, each document against
  the version its newest journal change saved (one changed around the journal, or left behind it, is
  named), and the text of every document as on a folder (control characters, lengths). `vrboard repair`
  (an administrator) puts each such document back to its journal version under the VRU's lock in one
  transaction; `--dry-run` (anyone) shows what it would do.
"""#),
        Topic(name: "config", summary: "The config file: store, user, theme, marking and remapped keys", text: #"""
## Configuration

vrboard reads `$XDG_CONFIG_HOME/vrboard/config.toml` (else `~/.config/vrboard/config.toml`) if it exists:

```toml
store = "~/vrboard/nnvru"          # the store when --store and VRBOARD_STORE are not given
user = "j.smith"                   # the author recorded on changes (else the login name)
theme = "high-contrast"            # the board's colours: colour, high-contrast or monochrome
marking = "OFFICIAL-SENSITIVE"     # the board pack's marking (default OFFICIAL; "none" for none; export --marking overrides)

[keys]                             # a binding's id (the last column of the key table above) and its new key or keys
"risks.sort" = "o"
"edit.redo" = ["Ctrl-Y", "Ctrl-R"]
```

**Emoji and wide text.** Text is measured and drawn by grapheme, as the terminal draws it. Terminals
disagree about emoji sequences (a family joined by zero-width joiners, a skin tone, a flag, a symbol made
emoji by U+FE0F), so at start-up vrboard asks the terminal: it writes one of each and reads back where
the cursor went (a cursor-position report, answered at once by xterm, tmux, VTE, kitty and the rest), then
lays every row out by those widths. A sequence curses cannot hold in one cell is written whole over
spaces curses drew for it. `vrboard render`, printed to a terminal, asks the same way, so it draws what
the live board draws. `VRBOARD_WIDTHS=unicode` skips asking (a terminal that does not answer costs half
a second at start-up, then Unicode's widths are used; `VRBOARD_WIDTHS_WAIT=2000` waits up to 2 s instead,
for a slow link). tmux keeps at most 21 bytes of one sequence, so a
family of four shows as three there: the terminal's limit, not vrboard's.

Options on the command line win over the file. A remap moves the key everywhere it shows: the handler,
the hint bar and help. A remap that would give one key two meanings in a mode is refused. A bad file
(a TOML syntax error, an unknown setting, a theme or key that does not exist, a clash) is one warning,
`config.toml:LINE: reason; using the defaults`, on stderr and in the board's status line, and vrboard
goes on with the defaults.
"""#),
        Topic(name: "data", summary: "The store's files, the journal, and the shipped datasets with their sources", text: #"""
## Data format

A store is a folder:

| File | Holds |
|---|---|
| `vrboard.json` | The manifest: `kind`, `format` (3), `dataset`, `checkpointSeq` (the last journal entry the snapshots include), `segments` (each sealed part of the journal: `file`, `firstSeq`, `lastSeq`) and, after a repair, `removedSeqs` (the change numbers whose lines `repair` removed). |
| `programme.json`, `funding.json`, `members.json`, `priorities.json`, `workstreams.json`, `risks.json`, `meetings.json`, `interventions.json`, `evaluations.json`, `outcomes.json`, `sources.json` | One collection each (a store without `meetings.json`, `interventions.json`, `evaluations.json`, `outcomes.json` or `sources.json`, made before they existed, has none yet): `{"collection", "format", "journalSeq", "documents": [...]}`, pretty-printed with sorted keys. Every document has an `id` and a `rev`. |
| | A source document (`sources.json`): `id` (what citations name: `004`, `WVPU-AR-2324`), `title`, `publisher`, `date` and `dateKind` (`published`, `as-at`, `meeting`), an optional `link`, the `sections` it has (`§2.3.6`, `Table 1`, `Fig. 4`, `ToR`, `annex`, `header`; a paragraph below a listed section counts; absent: any place), and a `note` on how the date and sections were established. |
| | The programme holds the board's `quorum` rule (`required` member ids and its `source`) and its `subGroups` (`id`, `name`, `chair`, `frequency`, `purpose`, `members`, `source`). A meeting holds its `date`, `stage` (`draft`, `held`, `closed`) with `heldAt`/`closedAt`, `attendance` (`member`, `status`: present, deputy, apologies, absent; `deputy`), others in `attendees`, `agenda`, `recommendations`, the paper `header`, `heldSeq`, the journal position the board stood at when the meeting was held (the board as shown is rebuilt from the journal when it is first shown, and kept for the session: a held meeting costs a few hundred bytes, not a copy of the board; a draft keeps neither, its slides following the live board), or, for a meeting held by an older vrboard, its `snapshot`, a copy of the board (moved to a `heldSeq` on the next writable open where the journal rebuilds exactly that board, as an ordinary save that keeps the copy in the meeting's history; a draft's copy is dropped when the meeting is next written), `minutesApproval`, sub-group `reports`, and its `decisions` and `actions` (each with `corrections` and `withdrawn`; a decision with `quorate`, an action with `done`). Fields added since format 2 began are optional: older files read as before. |
| | A grant's optional `years` (`year` the financial year starts, `amount`, `status`: confirmed or expected, `source`), `contribution` (`match`, `in-kind`) and `core`; the funding document's optional `bridging` (`monthlyCost`, `from`, `until`, `source`). The funding document's budget monitoring: each category's optional `approved` budget (kept when reprofiled) and `profile` (four quarters; absent: even), the `spend` ledger (`category`, `quarter` such as `2021-Q2`, `actual`, optional `forecast` outturn, `note`, `by`, `at`, `source` for a figure not entered on the board), `commentaries` (`category`, `cause`, `nature`: one-off or lasting, `action`, `by`, `at`), `reprofiles` (`from`, `to`, optional `fromQuarter`/`toQuarter`, `amount`, `reason`, `by`, `at`) and `monitoring` (`materialityPercent`, `materialityPounds`, `outturnPounds`, `source`); each absent while empty. An outcome measure holds `title`, `kind` (`home-office`, `local`), `better` (`down`, `up`), `unit`, `baselinePeriod`, `latestPeriod`, the `change` in percent as the source gives it, `values` (`period`, optional `quarter`, `value`, `by`, `at`, `note`, `source`), `note` and `source`. |
| `journal.jsonl` | The active journal: one JSON line per change: `seq`, `at`, `by`, `note`, `collection`, `id`, `baseRev`, `rev`, `login` (the operating-system login that saved it; absent on older entries), and either the whole new `doc` or a `patch` of what changed since `baseRev` (`set`: top-level fields with new values; `append`: the new items of a list that only grew, such as a workstream's rating history; `unset`). A document's first entry in a journal file is always whole, so each file reads on its own, and an entry's size does not grow with the document's history; that entry also carries `was`, a patch that turns it back into the version it replaced, so every change's old values can be shown. |
| `journal/000001.jsonl`, `journal/000001.index`, … | Sealed segments: at a checkpoint, once the active journal holds 4 MiB, it is split at line ends into segments of at most 4 MiB (plain JSON lines, never written again) and replaced by an empty one. Each segment's index lists, per document id, where its lines are (`"id"<TAB>offset,length;…`), so one document's history is read without reading the segment. |
| `.vrboard.lock` | The lock file writers `flock`; never renamed. |

On PostgreSQL (schema version 5, in `vrboard_schema`), the same documents and entries are rows:

| Table | Holds |
|---|---|
| `vrboard_vru` | One row per VRU in the database: `vru`, `dataset`, who created it and when. |
| `vrboard_document` | `vru`, `collection`, `id`, `ord` (its place in the collection), `rev`, and `doc`, the document as JSONB (the same JSON as a snapshot file's document). |
| `vrboard_journal` | `vru`, `seq`, `at`, `by_name` (the name given), `db_role` (the `session_user` that saved it, stamped by a trigger), `imported_login` (a copied change's original login), `collection`, `id`, `base_rev`, `rev`, `note`, and `entry`: the journal line as JSONB, always with its document whole. Nobody may update or delete a row. |
| `vrboard_access` | Which logins see which VRU (`vrboard grant`). |

Row-level security shows a login only the VRUs it may see (`vrboard_sees`), and only `vrboard_save`
changes documents and adds journal rows: it checks once, first, that the role may see the VRU and change
the collection (`vrboard_writes`); the statements it then makes as its owner role pass a policy of that
role's alone, rather than each row calling the checks again (schema version 5).

How it keeps data:
- **One writer at a time**: `flock(LOCK_EX)` on `.vrboard.lock` across processes; readers take `LOCK_SH`.
- **Revisions**: a save names the revision it was based on; if the stored one differs the save is refused
  as a conflict and nothing is written.
- **Commit point**: one `write` of one line to `journal.jsonl` (`O_APPEND`) and `fdatasync`. A save is
  reported as succeeded exactly when that is durable. If the append fails, the partial line is taken
  back and the message says nothing was recorded; if rewriting the snapshots afterwards fails (a full
  disk, a folder you cannot write), the save has still succeeded: `rag` exits 0 with a warning, the board
  says "Saved · warning: …", and the snapshots are rewritten at the next save or open.
- **Snapshots** are rewritten later (a checkpoint) by temp file, `fsync`, `rename` and `fsync` of the
  folder, keeping each file's mode. A snapshot that is a symbolic link is written through: its target
  is replaced and the link kept. Small stores checkpoint after every change so the JSON files stay
  current for git; large ones every 512 changes or on exit.
- **Open** reads the snapshots and replays only the journal entries after `checkpointSeq`, read
  backwards from the end of the journal: start-up does not grow with history. A torn last line (a
  writer killed mid-write, never acknowledged) is cut off with a warning, shown in the board's status
  line; a torn line that the snapshots show was acknowledged is never cut by an open (`repair` does it,
  with a backup); a bad line anywhere else is an error naming `journal.jsonl:LINE:COLUMN`.
- **Nothing forged unnoticed**: each entry's `seq` is one more than the last; each document's `rev` rises
  by one and an entry's `baseRev` is the revision before it; `checkpointSeq` is never past the end. Opening
  checks the entries it replays; `validate` checks every line; a command-line edit (`rag`, `reach`,
  `spend`, `date`, `source`) checks every line of the active journal (all since the last sealed segment)
  before it appends, and the changes after the checkpoint whole; the board checks every line of every
  segment in the background after its first frame and, if the journal does not check, turns read-only
  with the placed reason in the status line and on the History screen.
- **A command-line edit costs what it touches**: under the writer's lock it reads the manifest, the
  active journal, the programme and the funding, and the document it changes (with any other document
  the changes after the checkpoint touched), not the whole board. A collection file under 1 MB is read
  whole and rewritten with the save; in a larger one the document is found by its own `"id"` line, as
  vrboard writes the file (any other layout is skimmed, document by document), and the change waits in
  the journal until 64 have (then that save opens the whole board once to rewrite the snapshots).
  PostgreSQL, a closed `--year` and a store in an older format are opened whole.
- **Bounds**: every number read from a file is range-checked by the same code `validate` runs (amounts
  within ±£999,999,999,999,999, scores 1-5, percentages 0-100, revisions and sequence numbers up to 10¹²),
  and refused on open with `file:line:column: reason`, so no arithmetic downstream can overflow.
- **Errors** name `file:line:column: reason`; type errors give the field path (`documents[3].rev`).
- **Sealing** happens under the writer's lock, after the snapshots hold every change: the segments and
  their indexes are written (temp file, fsync, rename), then the manifest names them, then the active
  journal is replaced by an empty one. A crash at any step loses nothing: segments no manifest names are
  removed at the next writable open, and an active journal whose changes are all sealed is emptied then
  (readers and `history` skip such repeats meanwhile). Another process whose journal was sealed under it
  notices (the file's inode changed) and reads the segments it missed before the new journal. `validate`,
  `repair`, `history` and the background check span every segment; `repair` rebuilds a missing or wrong
  index.
- **Format versions**: every file carries `format` (now 3; format 2 had one journal file of whole
  documents, format 1 also no meetings). A file from a
  newer vrboard is refused with a clear message. An older store is read as it is, and the next writable
  open upgrades it under the writer's lock, first copying every original file to
  `backup-format-1-<time>/` (or `-2-`) in the store; an upgraded store's journal is sealed into
  segments at once.

Domain rules (from the public VRU documents in the seeds; see `data/`): RAG on the IPA five-point
delivery-confidence scale plus Complete and Not rated; trend compares a rating with the one it replaced;
every rating change records who, when, old and new rating and a comment. Funding shares are derived
from amounts (`amount / allocation`); the conditions are interventions ≥ 20% of the grant and evaluation
≥ 10% of intervention spend (basis configurable: `interventions` or `allocation`), each shown as pass or
fail with its margin in pounds. Risks score likelihood × impact on 1-5 scales (bands 1-4 low, 5-10
medium, 12-16 high, 20-25 very high), with the next review 90/180/365 days after the last by band, and
escalation when the residual score is at or above the programme's threshold (15) or flagged.

## The shipped data

Two sample datasets and a national one, built only from the public seed documents (000-004) and cited
paragraph by paragraph. Each store declares the seeds it cites in `sources.json`: id, title, publisher,
date (`published`, `as-at` or `meeting`), and the numbered sections, tables, figures and annexes the
document has. The dates and the section lists were made once from the seeds' own text (the date from
the line that fixes it, quoted in each document's `note`; the sections by their numbers at line starts,
list items inside a paragraph left out) and are checked against the citations by `sources`; vrboard
never reads the seeds at run time. 000 (published no earlier than Dec 2019), 001 (for the meeting of
2 Nov 2021), 002 (Aug 2020), 003 (for the meeting of 19 Nov 2019), 004 (as at 13 Dec 2021).

Ratings reconstructed from a paper are dated at that paper, since nothing earlier shows them: an NNVRU
rating resting on 001 is dated 2 Nov 2021, a WM-VRU one resting on 004 13 Dec 2021, so each
workstream's trend starts there. Where the data once had an opening rating and a change both drawn from
the same later paper, only the rating as at the paper is kept: the earlier one was invented.
A dated record citing a later document is refused by `sources`. `vrboard sources [--store DIR] [--format text|csv]` lists every figure, rating, post and
quoted text with its source, or its illustrative (`*`) or judgement (`†`) mark, and exits 1 if
anything shown as fact has none: run it before a pack goes out.

- `data/national/national.json`: the 18 VRUs of year one (2019/20). Each VRU's allocation and the share
  put towards interventions are 002 Table 4.4 (its column is headed "Intervention spend"; its source is the
  Home Office's Interim VRU Guidance, and the text before it says VRUs "allocated between 32% and 90% of
  their funds towards the commissioning of interventions", though the table's lowest is 34%). 002 Table 1.1
  and 003 §9.2 give other allocations: both are kept beside Table 4.4's, each with its source, and the
  view marks every VRU where they disagree (13 of 18; Lancashire is £1,160,000 in Table 4.4, £1,600,000 in
  Table 1.1, £1,500,000 in 003 §9.2). 003 §9.2 lists the 18 areas and the 18 amounts as two blocks, read in
  order (the counts and tiers match Table 1.1's); its "£3.370,000" is read as £3,370,000. The national count
  by target-group level is 002 Table 4.3, as at March 2020 (the date is shown as 31 Mar 2020; the seed
  gives the month), Level 1 excluding the Nottinghamshire Crime Stoppers programme as its note says. A VRU
  known only by these figures shows `–` for everything else: nothing is invented. NNVRU and WM-VRU show
  their own 2021/22 boards with the year-one figures beside them.
- `data/nnvru-2021-22/`: Nottingham and Nottinghamshire VRU, **2021/22, as at 2 Nov 2021**. The vision,
  scope, five priorities and 25 workstreams are those of its Serious Violence Response Strategy 2020/21
  (000), the latest in the seeds (001 §4.2 names the strategy without a year). The ratings are as at
  2 Nov 2021, the date of the key successes and challenges paper (001), which reports "as at Q3 2021/22"
  (§4.3), so the in-year ratings are against 2021/22; much of 001's evidence is about 2020/21, the VRU's
  year 2 (§4.14, §4.26, §4.34). The funding screen shows the 2020/21 allocation of £880,000 and its split
  (000 §2.3.6: £255,200, 29%, on commissioned interventions), labelled as such: it is the latest split in
  the seeds, and 001 §4.19 gives the same £880,000 per annum without a split. Surge Funding is a separate
  line; the 2021/22 grants (SYVIP ending, YEF Divert Plus continuing) come from 001 §4.20-4.22. (Called
  `nnvru-2020-21` before this release.)
- `data/wmvru-2021-22/`: West Midlands VRU, **2021/22, as at 13 Dec 2021** (004 §150 reports routes "as
  of 13/12"). The five pledges come from the 2019 board paper (003 §2.7); the 12 workstreams, the £3.37M
  core grant, the other grants, the reach figures and the board's Terms of Reference from the 2021/22
  paper (004). The interventions register holds the sixteen interventions 004 §92-103 describes, with
  the providers and settings only where the text ties them to one (§95 names Catch 22, Phoenix United
  and Bringing Hope for the resettlement programmes together, so each resettlement line says so), the
  prevention level only where the text gives it, and Table 1's eight lines with their Q1-Q2 reach
  (2,934 aged 24 and under, 197 aged 25 and over); the eight evaluations are those of §155, none yet
  reported (§156). No seed gives a budget per intervention or a cost per evaluation, or ties an
  intervention to a workstream: the budgets (£2,090,000 over the sixteen, £700,000 of it the place-based
  Combined Delivery Budget, against the illustrative £2,150,000 interventions categories) and the costs
  of the four evaluations WM-VRU commissions (£215,000 against the illustrative £225,000 evaluation
  category; none for those the Home Office or the YEF commission) are illustrative, each starred, so
  that the register's roll-up shows real behaviour; each workstream link says it is a judgement.
- NNVRU's 001 §4.14-4.15 gives 28 interventions and 1,547 children and young people reached in 2020/21
  without a list, so the register holds only the two it names (U Turn and Divert Plus, 001 §4.20-4.22)
  and the evaluations of §4.17 and §4.22; it invents none of the 28.
- **Budget monitoring**: no seed gives actual spend, a profile or a forecast. Both datasets carry
  illustrative Q1 and Q2 actuals for every category (each entry's `source` says so, and every figure
  resting on one is starred), an even profile, and one forecast each (NNVRU's staff line, £370,000 for
  two vacancies; WM-VRU's local evaluation, £190,000 for evaluations commissioned late), so that every
  screen shows real behaviour: NNVRU forecasts £40,000* unspent; WM-VRU's evaluation condition passes on
  the plan and fails on the forecast. The 10% or £10,000 materiality and the £20,000 outturn threshold
  are judgements, said so in `monitoring.source`.
- **Years ahead**: WM-VRU's core grant is a grant row of £3.37M a year confirmed for 2019/20 (003 §3.3),
  2020/21 and 2021/22 (004 §28), and expected, amount not known, for 2022/23 (004 §21-22: likely, probably
  multi-year, almost certain to step down, unlikely to be secured before the year end); the PCC's £524,000
  and the local authorities' and police's £140,000 are its 2019/20 match (003 §3.3); bridging runs from
  January to June 2022 at about £180,000 a month (004 §23-25). No NNVRU seed gives amounts by year beyond
  001 §4.19's £880,000 a year, so NNVRU records none.
- **Outcomes**: the Home Office's three success measures are worded as 003 §3.10 sets them (002 §1.1
  words the same three slightly differently); no seed gives a figure for them, so none is given.
  NNVRU's local measures are 001 Table A (§4.26: April 2020 - March 2021 against the annual average of
  April 2017 - March 2020; overall serious violence down 37%, violence against the person down 28%, knife
  enabled robberies down 38%, sexual assaults down 28%, knife possession down 4%) and §4.25 (knife crime
  13% lower than the three-year average), as percentages only. WM-VRU's are 003 §2.1's baselines (gun
  crime up 33% and knife crime up 85% since 2012, domestic violence up 14% since 2018, violence against
  the person up 32% in the last year, as at the paper of 19 Nov 2019), and its Home Office measures say,
  from 004 §158, that the Home Office's comparison with the pre-funding year is in an image, not the text.

How the seeds' inconsistencies were resolved:
- 004 §160 heads the additional grants "Due to end in 20/21", and 004 Table 1 is captioned "Q1 and Q2
  2020/21". Both are read as 2021/22: §20 ("just over £7M" held this year, which is the core grant plus
  the six §160 grants), §31-33 (this summer's in-year rounds), §36, §162 (no grants yet for 22/23) and
  §19 and §107 ("over 3000" reached in the first half of the year, Table 1's 3,131) all place them there.
  The grants therefore end on 31 Mar 2022, the financial year end (§28).
- 001 gives no RAG ratings, so every NNVRU rating is a **judgement** (`†`), its comment citing the
  evidence it was judged from. 004 gives its ratings only as colours in an image; its text (§108-109)
  says most workstreams are on track, that Health Systems, Criminal Justice and MVP had their in-year
  ambition adjusted, and that communications and engagement is at significant risk. Only the in-year
  ratings that follow from that text are marked evidence (Green for a workstream not named as an
  exception); communications' Amber/Red is read from "significant risks" (§109 gives no colour), so it
  is a judgement, as is every other WM rating and every overall rating.
- Every board member says where the post and its role come from. Posts no seed names (NNVRU's Head of
  Insight and Analysis, WM-VRU's workstream leads) and roles no seed gives are **illustrative** (`*` after
  the name, everywhere it shows). Workstream sponsors are a choice: 000 §2.3.1 says only that sponsors
  "will be identified". NNVRU's board membership rests on the Home Office core membership (002 §3.3),
  000 §2.3.6 (the Chief Constable) and 001 §4.9 (a Community Ambassador); no seed says who chairs it.
- The board's decision rule is the 004 ToR's ("All decisions must be agreed by the PCC, the Chief
  Constable (or their representatives) and the majority of the remaining members of the board who are at
  the meeting"), read as a quorum over the board's core and associate members (officers are not
  members). No NNVRU seed gives a rule, so NNVRU's is 004's applied as a model, marked illustrative.
- Sub-groups: WM-VRU's four (Trauma Informed, Evaluation, Data & Analysis, Engagement & Communication)
  with their purposes, chairs, frequencies and members are the 004 annex "Subgroups 21/22" as written,
  checked against §69 (which of them partners chair; the trauma informed one since amalgamated). NNVRU's
  only named group is the analytical steering group 000 §1.3 and §2.3.2 say it will establish; its chair,
  frequency and members are illustrative.

Every citation in both datasets was checked against the paragraph it names (214 checked; 68 corrected
where the paragraph did not say what the field said, 50 annotated where part of the value is a judgement
or illustrative). A verdict, share or total computed from an illustrative amount carries the same `*` as
the amount, and a count that includes a judged rating carries `†`, on every screen, slide and pack; the
CSV export gives each rating's basis in `in_year_basis` and `overall_basis`.
"""#),
        Topic(name: "benchmark", summary: "The benchmark: what it measures, the latest run, and the figures before it", text: #"""
## Benchmark

`swift build -c release --product vrboard-bench && .build/release/vrboard-bench` generates a store of
10,000 workstreams, 5,000 risks and a 100,000-entry journal and prints:

<!-- bench:start -->
Measured on this project's machine (2 cores, Swift 6.3.1, release build), 8 Dec 2026, the last of six runs that day and the day before (this machine's figures vary by up to
half from run to run: jq took 626, 698, 906, 712, 569, 610 and 623 ms over the same files in seven runs) (after the store's second hardening, then the
store's API as its own target, the anchors measured in the same run, command-line edits that read what they change, a save that encodes each version of its document once straight into JSON values and PostgreSQL's open reading its rows as they stream in, validate checking the snapshots beside the journal, the snapshots read on both cores, validate comparing unknown fields as JSON values and decoding the journal's lines on both cores, and PostgreSQL's schema version 5 (issue 32), a release build with the Swift runtime inside, dialogs as features, the validator's consistency checks, spreadsheet import, held meetings by reference, declared source documents, the board through time and the board paper in 001's format; the generated store's categories now hold
its whole allocation, so the budget monitoring has 13 categories), with the format 3
journal (segments, patches, `was` on a document's first entry in a file) and inotify refresh; the PostgreSQL figures on a private PostgreSQL 15 cluster over
loopback that the benchmark starts itself (fsync on): `swift build -c release && .build/release/vrboard-bench` (it times the real `vrboard history`, built
beside it; `vrboard-bench postgres` runs the PostgreSQL and national figures alone):

```
vrboard-bench: 10000 workstreams, 5000 risks, 2000 interventions with 8 quarters of returns; journal of 0, 100 and 100000 entries
generate the stores: 5.27 s (the long journal 60.9 MiB in 16 segments)
open, journal 0 entries:       median 327.56 ms
open, journal 100000 entries:  median 324.26 ms  (-1.0%)
history, first page of the whole history (20 changes): 100 entries 7.63 ms (peak 23.7 MiB), 100000 entries 7.72 ms (peak 23.9 MiB): ratio 1.01
history, one workstream's history (WS-42): 100 entries 7.81 ms (peak 24.7 MiB), 100000 entries 9.17 ms (peak 24.8 MiB): ratio 1.17
journal entry for one rating change of one workstream: the 2nd change 343 bytes, the 1000th 356 bytes (the workstream is now 137353 bytes; its first entry in a journal file is whole: 945 bytes)
process start to first frame, the generated store: vrboard render 453.18 ms (peak 98.8 MiB), jq -c . over its files 622.82 ms
ratio, first frame / jq, the generated store: 0.73 (bound 0.25: OVER)
process start to first frame, the NNVRU store: vrboard render 16.66 ms (peak 27.9 MiB), jq -c . over its files 18.23 ms
ratio, first frame / jq, the NNVRU store: 0.91 (bound 1.00: within)
validate the 100000-entry store: vrboard validate 3250.05 ms (peak 156.1 MiB), jq -c . over its files 2497.00 ms
ratio, validate / jq: 1.30 (bound 0.50: OVER)
command-line edit on the generated store, vrboard rag: median 21.76 ms (peak 33.2 MiB) (bound 100 ms, 40 MiB: within)
command-line edit on the generated store, vrboard reach: median 33.09 ms (peak 34.4 MiB) (bound 100 ms, 40 MiB: within)
command-line edit on the generated store, vrboard spend: median 39.85 ms (peak 34.4 MiB) (bound 100 ms, 40 MiB: within)
command-line edit on the generated store, rag with 62 changes waiting: median 70.42 ms (peak 34.5 MiB) (bound 100 ms, 40 MiB: within)
command-line edit that rewrites the snapshots (one save in 64), vrboard rag: 670.36 ms (peak 124.7 MiB)
verify the whole journal (100000 entries; the board's background check, which reads each line's header; validate reads every line whole): median 603.68 ms
ratio, journal check / jq over the same files: 0.24 (bound 0.50: within)
durable edit (journal append + fdatasync), 400 edits: median 0.23 ms, p99 0.36 ms, max 1.73 ms
bare append + fdatasync of each save's line (average 964 bytes), after it, same disk: median 0.17 ms
ratio, folder save / bare append+fdatasync: 1.37 (bound 1.50: within)
checkpoint (rewrite changed snapshots): 141.97 ms
export to JSON: 224.40 ms (10.4 MiB)
start to first frame (open + state + render 120x36): median 385.35 ms
start to first frame of the Interventions screen (open + state + 6 + render 120x36): median 404.29 ms
start to first frame of the Funding screen (open + state + 3 + render 120x36): median 407.27 ms
keypress scrolling 2000 workstreams at 120x36: median 1.01 ms, p99 1.10 ms
keypress scrolling 5000 risks at 120x36: median 0.79 ms, p99 0.95 ms
keypress scrolling 2000 interventions at 120x36: median 1.15 ms, p99 1.23 ms
keypress scrolling 200 evaluations at 120x36: median 0.90 ms, p99 0.96 ms
keypress on reach by level and the register's budgets and spend (2000 interventions) at 120x36: median 0.58 ms, p99 0.63 ms
keypress on the budget monitoring (13 categories, 104 actuals) at 120x36: median 0.94 ms, p99 1.04 ms
keypress scrolling 2000 workstreams at 200x60: median 1.32 ms, p99 1.45 ms
keypress scrolling 5000 risks at 200x60: median 1.12 ms, p99 1.65 ms
keypress scrolling 2000 interventions at 200x60: median 1.63 ms, p99 1.77 ms
keypress scrolling 200 evaluations at 200x60: median 1.26 ms, p99 1.38 ms
keypress on reach by level and the register's budgets and spend (2000 interventions) at 200x60: median 0.78 ms, p99 0.84 ms
keypress on the budget monitoring (13 categories, 104 actuals) at 200x60: median 1.16 ms, p99 1.23 ms
frame of the workstreams screen with a 1,000,000-character comment (words) selected at 120x36: median 1.02 ms
frame of the workstreams screen with a 1,000,000-character comment (one unbroken run) selected at 120x36: median 1.05 ms
filter 2000 interventions by overdue returns (o key) + render: median 10.95 ms
re-sort 5000 risks (s key) + render: median 22.11 ms
walkthrough page turn (3105 pages for 10000 workstreams) + render at 120x36: median 11.12 ms
walkthrough page turn (a board of 25 workstreams, 15 risks) (17 pages for 25 workstreams) + render at 120x36: median 0.26 ms
start to first frame with 0, 1, 20 held meetings: 346.03 ms, 350.50 ms (+1.3%), 341.68 ms (-1.3%) · meetings.json with 20 held: 16,772 bytes
history --limit 20 with 0, 1, 20 held meetings: 0.29 ms, 0.31 ms (+8.0%), 0.32 ms (+10.2%)
show a held meeting's board (rebuilt from the journal, 1001 changes since): 145.62 ms
start to first frame, the third VRU (40 priorities, 300 workstreams WS-01.001…, 1,500 risks, £35.84M): median 108.94 ms
refresh between two processes (inotify), 50 saves 40 ms apart: median 16.03 ms, p99 18.49 ms, max 18.49 ms
a burst of 20 saves from another process: taken in with 1 refresh (20 changes)
a follower seeing the presenter move (inotify), 50 moves 40 ms apart: median 0.83 ms, p99 1.42 ms, max 1.42 ms
national view, 18 VRUs (two full boards), first frame at 120x36: median 5.05 ms
PostgreSQL 15.18 (Debian 15.18-0+deb12u1) on loopback, a private cluster (fsync on)
durable save, folder store, 400 edits: median 0.19 ms, p99 0.42 ms
durable save, PostgreSQL, 400 edits: median 0.88 ms, p99 1.45 ms
pgbench, a transaction of a save's shape (lock, read, update a 460-byte document, journal row, NOTIFY), 400: mean 0.93 ms
ratio, PostgreSQL save / pgbench: 0.95 (bound 1.30: within)
refresh between two processes (PostgreSQL LISTEN/NOTIFY), 50 saves 40 ms apart: median 19.70 ms, p99 25.39 ms, max 25.39 ms
a burst of 20 saves from another process: taken in with 1 refresh (20 changes)
a follower seeing the presenter move (PostgreSQL LISTEN/NOTIFY), 50 moves 40 ms apart: median 2.17 ms, p99 5.24 ms, max 5.24 ms
copy the large store (17227 documents, 100 changes): folder to PostgreSQL 0.88 s, back 0.91 s, the board identical
open the large store: PostgreSQL 458.95 ms, the folder store 329.82 ms
ratio, PostgreSQL open / folder open: 1.39 (bound 1.00: OVER)
peak memory (max RSS): 530.2 MiB
```

- **History never waits on the journal's length.** `vrboard history --limit 20` and `vrboard history
  WS-42` take the same on a journal of 100,000 entries (60.9 MiB in 16 sealed segments) as on one of 100:
  ratios 1.02 and 1.13 here (1.01 and 1.11, 1.01 and 1.31, 1.01 and 1.21, 0.99 and 1.13, 0.96 and 0.90, 1.00 and 1.06, 0.89 and 1.09, 0.99 and 1.06, 0.93 and 1.09, 1.00 and 1.10, 1.00 and 1.10, 1.01 and 1.11, 0.99 and 1.22, 1.01 and 1.14, 0.97 and 1.07, and 1.00 and 1.13, in earlier runs; 5.97 for one item in the first run, before
  the index lookup used memchr), with about 20 MiB of memory either way (before: 4.8 s and 244 MB for the whole history, 4.1 s for one item).
  `history` reads no snapshot: the newest page from the journal's end backwards, one item's through the
  segments' indexes. The History screen reads its pages the same way, on a thread of its own.
- **An entry does not grow with the document's history**: a rating change of a workstream is 343 bytes
  after one change and 356 after a thousand, when the workstream itself has grown to 137 KB (before,
  every entry carried the whole document: 24 KB an entry after a few hundred changes). A document's
  first entry in each journal file is whole, so each segment reads on its own, and carries `was`, the
  old values of what it changed, so History can show any change's before and after: 945 bytes here
  (737 before `was`), once per document per segment.
- **Live refresh**: another process's save shows in about 20 ms (median over 50 saves 40 ms apart, two
  processes; p99 21-27 ms across runs), against about 480 ms when the board polled twice a second. A burst of 20
  back-to-back saves is taken in with one or two refreshes: the board waits for 15 ms without a new
  journal event (at most 60 ms) before taking a burst in, which is most of those 20 ms.
- **PostgreSQL against the folder store.** A durable save is one call of `vrboard_save` in its own
  transaction over loopback (advisory lock, the revision check, the journal row, the document, NOTIFY,
  COMMIT with the WAL flushed): 0.88 ms median, p99 1.45 ms, since schema version 5 let the function's own statements past the policies without checking the caller again (1.74, 1.47, 1.33, 2.40 on a busy run, 1.54, 1.34, 1.60, 1.33, 2.00, 2.67, 1.47, 1.35, 2.12, 1.46, 1.39, 1.48, 1.27 and 1.51 ms in the runs before: this is the figure that varies most between runs), against 0.25 ms (p99 0.40 ms; 0.22, 0.26, 0.32, 0.29, 0.45, 0.34, 0.44, 0.37, 0.32, 0.42 and 0.29 ms in the runs before) for the folder
  store's fdatasync'd append on the same board of 2,000 workstreams. Before the save became one function
  call (five statements in a client-driven transaction) it took 3.1 ms (2.5, 3.2 and 3.4 ms in other runs).
- **A comment of any length draws in what it shows**: the workstreams screen with a 1,000,000-character
  comment on the selected workstream's newest rating draws a frame in 1.53 ms (1.57, 1.68 and 1.06 ms in the runs before), words or one unbroken run
  (before: 0.07 s at 10,000 characters, 5.9 s at 100,000 and 475 s at 1,000,000, deaf to Ctrl-C meanwhile).
- **Refresh on PostgreSQL**: another process's save shows on a board open on PostgreSQL in 22 ms (median of 50 saves 40 ms apart; p99 25 ms in this run, 27, 33, 26, 24, 26, 24, 28, 27, 24, 26, 27, 24, 31, 82, 31, 110 and 183 ms in
  earlier ones, where one save in 50 was slow to commit), against 16 ms by inotify: the medians well within
  100 ms, most of them the 15 ms the board waits for a burst to end. `copy` of the generated store (17,227
  documents) takes 0.86 s into PostgreSQL (documents and journal rows sent 500 at a time with `unnest`) and
  1.01 s back into a folder (0.98 and 0.93 s, 1.16 and 1.40 s, 0.93 and 1.38 s, 0.81 and 1.14 s, 1.00 and 1.55 s, 0.82 and 1.21 s, 0.80 and 1.06 s, 0.81 and 1.16 s, 0.89 and 1.06 s, 0.77 and 1.07 s, 1.11 and 1.06 s, 0.74 and 1.04 s, 1.3 and 1.3 s, 1.2 and 1.7 s, 1.0 and 1.4 s in runs before), and the copy's board is identical;
  opening it on PostgreSQL takes 459 ms against the folder's 330 ms, which now reads its files on both cores (438 ms against 280 ms, 442 ms against 533 ms, 515 ms against 525 ms and 570 ms against 682 ms in the runs before; 854 ms against 548 ms, 652 ms against 445 ms, 729 ms against 458 ms, 692 ms against 490 ms, 669 ms against 444 ms, 752 ms against 453 ms, 639 ms against 440 ms, 616 ms against 433 ms, 631 and 617 ms against 450 ms, and 694 ms against 680-729 ms, in runs before the rows were streamed, when the server sorted them first and they were decoded one by one after the last arrived) (the JSONB rows come back as text, unsorted, each decoded on a free core as it arrives and checked as a snapshot file is, then put in order).
- **Held meetings cost a position, not a copy**: on the generated store the first frame takes 619 ms
  with no held meeting, 627 ms with one and 615 ms with twenty (539, 574 and 541 ms, 703, 635 and 661 ms on a busy run, 635, 562 and 621 ms, 526, 529 and 531 ms, 537, 551 and 540 ms, 513, 517 and 517 ms, 518, 516 and 518 ms, 526, 526 and 527 ms, 514, 515 and 521 ms, 486, 484 and 487 ms, and 515, 533 and 512 ms, in the runs before), and `meetings.json` with twenty held is 16,772 bytes. Issue 26 measured 0.39, 0.75 and 1.15 s
  on a 3,000-workstream store with 0, 1 and 2 meetings each copying the board. Showing a held meeting's
  board rebuilds it once from the journal: 109 ms with 1,001 changes saved after it (111, 164 and 168 ms in the runs before; 238 ms before patches were read straight from their JSON; 266, 239, 237, 241, 237, 237 and 438 ms in the runs
  before; 2.19 s before each journal file was read once for all of them), then kept for the session.
- **The national view** draws its first frame, the dataset read, the two bundled boards opened, 18 rows and
  the count by level, in 8.0 ms (7.3, 5.1, 5.2, 4.9, 5.5, 4.7, 8.4, 7.6, 4.9, 4.9, 7.7, 4.3, 8.0, 7.3 and 6.7 ms in runs before).
- **These runs were slower throughout** than the last one before the PostgreSQL store, in code paths this
  change did not touch (open 606-611 ms against 527 ms, export 352 ms against 254 ms, the journal check
  3.6 s against 2.7 s, first frames 714-807 ms against 556-577 ms; the run between them was half way, and one
  durable edit in 400 took 84 ms): this machine was busier. `history` is 16 ms against 10 ms, partly
  because the binary now links SwiftNIO, postgres-nio and BoringSSL (89 MB) and starts slower; the ratio
  to a short journal is still 1.0. (`history` briefly opened the whole board on the way, 630 ms a page: caught by
  this benchmark and fixed before it landed.)
- **The Interventions and Funding screens keep in line with the others**: the generated store also
  holds 2,000 interventions with 8 quarters of returns and 8 quarters of spend each (16,000 returns and
  16,000 spend entries), 200 evaluations, and 12 funding categories with 8 quarters of actuals each.
  Scrolling the register costs 1.57 ms a keypress at 120x36 (2.13 ms at 200x60), the evaluations
  1.20 ms, the levels table with the register's budgets and spend 0.74 ms, the budget monitoring
  1.19 ms, beside 1.32 ms for the workstreams: each intervention's lateness, its covering evaluations,
  the year's totals and the interventions' spend are worked out once a change of the board, not once a
  frame; the monitoring reads the year's entries of the spend ledger each frame, a fixed cost. A filter
  key (`o`, overdue returns) works every intervention's lateness out again, but not the board-wide
  figures (reach by level, budgets, spend), which are kept until a revision changes: 11.7 ms (9.3 ms
  two runs before; 18.0 ms when every filter key worked them out again). Opening the store and drawing
  the first frame takes 714-807 ms on any screen on this busy run (overview, Interventions, Funding;
  637-656 ms in the run before, 556-577 ms and 607-620 ms before that): opening
  decodes the interventions' returns and spend beside the 11.7 MB of workstreams and risks (open
  606-611 ms here, 527 ms two runs before; 267 ms before the register, 414 ms with the returns alone: many small objects decode slower
  per byte than the workstreams).
- **A keypress costs what is visible.** Scrolling 2,000 workstreams at 120x36 costs about 0.8 ms (1.40, 1.49 and 1.07 ms in the runs before). Tables now
  share spare width by content, measuring their columns over the first 100 rows and those shown: a
  fixed cost a frame (measuring every row took this keypress to 6.7 ms before it was bounded; 0.8 ms
  before columns grew by content). This machine varies by up to a third from run to run (0.8-1.6 ms
  across earlier runs: this machine varies by up to a third from run to run, and one run this session was slow
  throughout: export, first frame and the journal check 20-50% slower than the runs either side of it).
- **A walkthrough page turn** (between the highlight report's first two pages, its longest list) copies
  the page's rows from the slide as drawn: a slide is drawn whole once (every comment wrapped in full,
  to know its pages) and kept until the board, the screen's size, the minute or the key map changes.
  0.32 ms (0.32, 0.35, 0.37 and 0.23 ms in the runs before) on a board of a real VRU's size (25 workstreams, 15 risks, 17 pages), 24.5 ms on the generated
  store (20.5, 23.0, 15.8, 10.6 and 8.3 ms in the runs before), whose highlight lists 10,000 changes (3,105 pages now that no comment is cut). Before the slide
  was kept: 1.5 ms and 665 ms, and 6.7 ms and 1.6 s in the first run with every comment wrapped. The cost
  is memory: the generated store's highlight, kept drawn, is most of the run's peak (472 MiB, against
  245 MiB before). The first draw of that slide takes about a second, as before.
- **Following the presenter**: a follower's screen sees the presenter move (another process publishing
  its place) in 1.0 ms by inotify and 3.0 ms by PostgreSQL's NOTIFY (median of 50 moves 40 ms apart;
  p99 3.6 and 9.6 ms; 0.86 and 3.0 ms, 1.2 and 5.3 ms on a busy run, and 0.88 and 2.7 ms before), well within the 100 ms a room would notice, beside 16 and 22 ms for a save (whose
  refresh waits 15 ms for a burst to end; a move is read at once).
- **Start-up does not grow with history**: opening reads the snapshots and only the journal entries after the
  last checkpoint, walking the active journal backwards from its end; 0 and 100,000 entries open within a
  few percent of each other (here -2.6%; earlier runs -8% to +8%, the two timed alternately). Most of the
  open is decoding 10 MB of snapshots. The number range checks on open are part of these figures.
- **Checking the whole journal** (the quick check `rag` runs before it saves and the board runs on a
  thread of its own after the first frame: the sequence and revision chain across every segment, each
  line's JSON and UTF-8 whole, its header's numbers in bounds) reads each line's header, not its document,
  on both cores, and the snapshots' sequences without their documents: 604 ms for 100,000 entries, 0.24
  of jq's time reading the same files (2.5 s; 781 ms and 0.30, 590 ms and 0.24, 854 ms and 0.28, 836 ms and 0.21, 992 ms and 0.30, 825 ms and 0.32, 581 ms and 0.24, and 673 ms and 0.26, in the runs before), where decoding every
  entry whole took 2.3-2.6 s (2.8-3.5 s before the segments). `validate` still decodes and inspects every
  line whole, so a document of the wrong shape inside an old line is its to find: 3.3 s (peak 156 MiB),
  1.30 of jq's time (1.25 the run before), now that each journal file's lines are decoded on both cores before the chain is
  checked in order, and unknown fields are found by comparing JSON values read by the store's own reader
  (1.85 s to 1.1 s on the generated store without a journal; 4.8 s and 1.57, and 5.2 s and 1.29, in the
  runs before, when the snapshots' text and keys, the journal files' bytes and unknown fields were first
  checked on the other core meanwhile; 7.3 s and 2.20 before that, 6.6 s and 2.56, 5.8 s and 2.37, and 6.7 s and 2.55, before).
- **A command-line edit costs what it touches** (a process, start to durable save, on the generated
  store): `rag` 22 ms and 33 MiB, `reach` 33 ms, `spend` 40 ms (34 MiB) (20, 31 and 44 ms, 26, 38 and 48 ms, 30, 42 and 52 ms, 34, 44 and 45 ms, and 25, 37 and 47 ms, in the runs before), against issue 32's bound of
  100 ms and 40 MiB (issue 32 measured 1.7 s and 145 MB for `rag` on a store of 3,000 workstreams, when
  every edit opened the whole board and checked the whole journal). Each reads the manifest, the active
  journal, the programme and the funding, and finds the document it changes by its own `"id"` line in
  the collection's file; a change of a large collection waits in the journal, and each later edit takes
  the waiting changes in (70 ms with 62 waiting, 45, 52, 63, 64 and 51 ms in the runs before; 59 ms before a document's fields were read straight
  from its JSON rather than through JSONSerialization). One edit in 64 opens the whole board to rewrite
  the snapshots: 670 ms and 125 MiB (897 ms and 101 MiB before the files were read on both cores), the cost every edit paid before.
- **Against the tools a user would reach for** (each anchor measured in the same run, its ratio printed
  with the bound issue 32 set):
  - the journal check: 0.24 of jq (bound 0.50), within;
  - a command-line edit: 22-40 ms and 33-34 MiB (bound 100 ms and 40 MiB), within, and 70 ms with 62
    changes waiting; the one edit in 64 that rewrites the snapshots is over (670 ms, 125 MiB);
  - start-up on a real VRU's board (NNVRU, a process from start to its first frame): 16.7 ms against jq's
    18.2 ms reading the same files, 0.91 (bound 1.00), within (0.74, 0.80, 0.53, 0.87, 0.79, 0.82 and 0.79 in the runs before; 19.4 ms and 1.04
    before the static build). Most of
    it is the process starting; a release build now carries the Swift runtime and Foundation inside it,
    so their symbols are not looked up and bound at each start (16-18 ms against 24 ms for the same code
    linked to them as shared libraries, measured side by side);
  - start-up on the generated store: 453 ms against jq's 623 ms, 0.73 (bound 0.25; 0.64 and 0.69 in the
    runs before; 0.88, 0.97, 0.89 and 0.97 before the collection files were read on both cores at once, the
    largest first: the open alone went from 458 to 263 ms measured side by side). Opening decodes every
    document of 20 MB of snapshots into objects and checks it before the first frame; the interventions'
    returns and spend entries alone are about a third of it. The overview draws from every workstream,
    risk and intervention, so a quarter of jq needs its figures kept between runs (a cache of derived
    figures, with the board loaded behind the first frame), which is not built. A command-line edit,
    which reads a few documents, reads them on one thread: on both cores its peak grew from 34 to 41 MiB;
  - a durable save on the folder store: 0.23 ms against 0.17 ms for a bare append and fdatasync of the
    same number of bytes on the same disk, timed after each save, 1.37 (bound 1.50), within (1.46, 1.45,
    1.34, 1.41 and 1.46 in the runs before). A save now
    encodes each version of its document once, straight into JSON values (no JSON text written and read
    back), works out the patch and `was` from those values, and writes its line from them: the same bytes
    JSONEncoder writes, which a test checks line by line. That took the save's own work from about 150 to
    100-120 microseconds (measured with perf over 400 saves). The anchor changed too: the bare appends
    were timed as a run of 400 after the saves (0.14 ms, 2.23 and 2.63 then), and are now timed one after
    each save, the size of that save's line, so both meet the disk in the same state. With the new save,
    the anchor timed as a separate run gave 1.34-1.80 in six runs minutes apart, timed after each save
    1.39-1.44 in three;
  - a durable save on PostgreSQL: 0.88 ms against 0.93 ms for pgbench running a transaction of the same
    shape, 0.95 (bound 1.30), within. Before schema version 5 it was over in ten runs of twelve (1.95,
    1.41, 1.47, 1.67, 1.16 and 1.22 in the six before this one; 1.73, 1.98, 1.39, 1.59, 2.02 and 2.30 before those). Timed inside the server, a call of
    `vrboard_save` took 0.47 ms, and counted, each save called `vrboard_sees` eight times and
    `vrboard_writes` four: the function checks the caller once, first, and every statement it then made
    as its owner role was checked again by the tables' policies, each check a call of a security-definer
    function. Version 5 gives the owner role a policy of its own, so those checks fold away: 0.125 ms a
    call, one check of each kind a save (a test counts them). A save is still one call of `vrboard_save`
    between BEGIN and COMMIT: three round trips, because postgres-nio answers a lone statement before its
    implicit transaction commits, and a save is reported only once it is durable. Sending BEGIN, the call
    and COMMIT together (one wait instead of three) was tried and measured no better, so it was not kept;
  - opening the generated store: PostgreSQL 459 ms against the folder's 330 ms, 1.39 (bound 1.00), over
    since the folder store reads its files on both cores (438 ms against 280 ms and 400 ms against 265 ms
    in the runs before; 442 ms against 533 ms, 0.83, before that). PostgreSQL's open is unchanged: it already decodes on both cores,
    beside the server turning the JSONB back into text (13 MB) on the same two cores, so it cannot match an open
    that only decodes; stored snapshot text, one row per collection, would be the way, not built
    (0.98 and 0.84 in the runs before the folder's change; 1.56, 1.47 and 1.59 before the rows streamed). The server sorted the 17,227 rows (20 MB of documents)
    before sending the first, and each was then decoded in turn after the last arrived. Now the rows come unsorted, each batch of 128 is decoded on a free core as it
    arrives, and they are put in order at the end: 812 ms, then 660 ms with the decoding on both cores,
    then 474-522 ms streamed (`vrboard-bench pgopen` measures the open alone).
- **Crashes and contention** (the store tests, run on every `swift test`): writers killed with SIGKILL at
  random points (200 rounds, and 120 more with segments so small the journal is sealed every few saves,
  so kills land in sealings), and two writers making 500 edits each against one store (also with small
  segments, each writer reading the segments the other sealed); and since 7 Dec 2026 four writers that
  open the store afresh for every save (as separate `vrboard rag` runs do) with 9,500-character notes and
  64 KiB segments, so the journal is sealed every three saves or so, 30 saves each for five rounds (600
  saves, about 200 seals): before the fix a writer that had opened the journal just before another sealed
  it replaced the new journal, losing acknowledged saves (in the first round here, as in each of the
  issue's five runs); now every one of the 600 is in
  the journal once, `validate` finds the store sound and it still saves. Four `vrboard rag` processes
  saving one workstream 15 times each all succeed: on a folder each reads the workstream and saves it
  under the writer's lock (and four saving one workstream 10 times each on a store of 2,000 workstreams,
  where each reads that workstream alone);
  on PostgreSQL a save overtaken by others is made again on the newer board, backing off with jitter,
  for up to 15 s, then refused as `contention`. A segment is at most
  its size or one entry alone. No acknowledged change is lost and `validate` finds the store sound
  afterwards (1 Dec 2026, after the PostgreSQL store: 95 s for the
  crash, contention, fault-injection, tamper, segment, entry-version and live-refresh suites together,
  27 tests, debug build; 87 s and 95 s earlier, 54.6 s the day before). On PostgreSQL, the same contract
  suite (save, conflict, refresh, history, versions, read-only, every kind of edit, the copy both ways)
  runs on both stores, beside the server's own tests: a viewer refused by the server, a forged name shown
  beside the real role, two writers of 150 saves each (nothing lost, the sequence without a gap), 40
  writers killed with SIGKILL mid-transaction (every acknowledged save present, nothing half applied), a
  server stopped and started under an open store, NOTIFY across processes, the schema's versions and a
  race of first opens, hostile rows and TLS: 13 tests in 21 s on a private cluster. Run again after the
  review's changes, both stores' suites together: 40 tests in 104 s, all passing. The crash and contention suite alone takes 93 s, against 61 s with
  `was` switched off: with segments of 4 KiB nearly every entry is a document's first in its file, so
  nearly every save works out `was`. With the real 4 MiB segments that is once per document per
  segment, and a durable edit stays under a millisecond (median 0.36 ms here, 0.26 ms the day before). The contending writers are `Tests/vrboard-hammer`, a small
  executable built with the tests.
- **One durable edit** is one journal append and `fdatasync` (with the patch worked out first): under a
  millisecond here. Large stores rewrite snapshots every 512 changes and on exit (the checkpoint line) and
  seal the journal into a segment when it reaches 4 MiB; stores whose snapshots are under 1 MB (both
  shipped datasets) rewrite them after every change so the JSON in git stays current.
- **A keypress** (update + render) costs what is on screen, not what is stored: the whole-board figures
  (RAG counts, heat map, escalations) are derived once per change of the board. Re-sorting 5,000 risks is
  the one step that touches every row.
<!-- bench:end -->
"""#),
        Topic(name: "architecture", summary: "How the code is laid out, and how it keeps data", text: #"""
## Architecture

```
Sources/VRModel       domain types and rules (RAG, trend, funding checks, risk scores, provenance). Pure.
Sources/VRStore       the JSON document store: files, locks, the journal (segments, indexes, patches),
                      revisions, history pages, validation, repair, the three-way merge of two saves,
                      and the folder's change signal (inotify on the journal).
Sources/VRStoreAPI    what the board and the runtime ask of any store: BoardStore and DurableStore,
                      a save (Edit), history pages (HistoryRequest, HistoryItem) and ChangeSignal.
                      The folder store and the PostgreSQL store implement it; nothing above it knows
                      which it has.
Sources/VRUI          the UI core: no ncurses, no I/O.
  Core/               AppState (the shared board, the stored layer, routes), Mode, Bindings, Feature
                      (the screen protocol and its registry), Dialog (the dialog protocol and its
                      registry), update() and render(), layout, text fields, editing
  Screens/            one file per screen: OverviewScreen, WorkstreamsScreen, FundingScreen (with
                      FundingMonitoring and FundingYears), RisksScreen, HistoryScreen,
                      InterventionsScreen, OutcomesScreen (state, key bindings, reduce, render,
                      hit-testing)
  Modes/              browsing, search, help, the walkthrough and its slides, and one file per
                      dialog: the rating picker, forms, confirm, conflict, a risk's actions, the
                      minutes, find, the viewer
  National/           the national view: its state, its bindings (VRUI bindings, remapped like the
                      board's) and its frame
  Forms/              the form engine (fields, checks as you type, growing lists) and one file per
                      form: each edits a typed draft (a Workstream, a Risk, the Funding, a Grant, a
                      meeting's record) through its own field names, and says what saving it records
  Widgets/            Frame (the cell buffer every view draws into), tables, themes, display width
Sources/VRReport      the board paper in 001's format (Markdown, HTML) and the CSV exports. Pure text from the model.
Sources/VRRuntime     carries out the UI core's effects against a BoardStore (the folder store, the
                      PostgreSQL store, or the tests' in-memory one) and runs the terminal loop: it
                      waits on the keyboard and the store's change signal at once, and reads history
                      pages on threads of their own; and the national view's loop (NationalSession),
                      whose one effect, opening a board, the command line carries out.
Sources/VRPostgres    the PostgreSQL store on postgres-nio (it imports only VRModel, VRStore and
                      VRStoreAPI): the address and ~/.pgpass, the versioned schema with its roles and
                      policies, saves, history, LISTEN/NOTIFY (a listener thread writing to a pipe, its
                      change signal); and Stores.open, the one place that picks a store by location.
Sources/VRTerminal    the only code that talks to ncursesw: paints Frames, reads keys, mouse, resizes.
Sources/CNcursesw     the ncursesw system library and a small C shim.
Sources/VRGenerate    a large generated store, for the benchmark and the store's tests.
Sources/vrboard       the executable: commands, option types, the config file.
Sources/vrboard-bench the benchmark.
Tests/VRTestSupport   what every suite shares: paths, the shipped datasets, temp folders, a process runner,
                      InMemoryStore (the store's rules in memory), and PGCluster (a private
                      PostgreSQL cluster: initdb as the postgres user, a free loopback port,
                      stopped when the tests end).
Tests/vrboard-hammer  a contending writer the store's process tests run many of at once.
```

**A screen is a feature in one file.** `ScreenFeature` asks for its state (kept in `AppState` under
its type), its bindings, `rebuild` (its rows from the board, its query and its filters), `render`,
the list movements and mouse hits (`move`, `open`, `back`, `click`, `reveal`), what entering and
leaving it does, and what it can do (`searchable`, `opens`, `goesBack`, `editable`: the shared keys
that apply there follow from these), and the places it shows (`shows`/`show` a `Route`: a
workstream, a risk, a grant, what needs attention, an item's history, which Find, H and A reach through
`navigate(to:)`), with hooks for a changed board and after each key. `Features.screens` registers them
in tab order; a new screen is its file plus one line there.

**A dialog is a feature in one file too.** `DialogFeature` asks for its state, its modes (a form's
own and its discard question) and their bindings, `draw`, what closing it would lose, what a paste
does, and whether the hint bar or its own footer (built from its bindings) shows its keys.
`Features.dialogs` registers them; `s[dialog: FormMode.self]` reads or opens one, `withDialog` edits
the open one in place. Every key a footer, a message or a title names comes from the bindings with
the user's remaps (`s.keyName("edit.undo")`, or a `{edit.undo}` template through `s.keyed`).

**How a key travels.** The terminal (`VRTerminal`) decodes a key and the runtime sends `.key(k)` to
`update`. `AppState.mode` decides who has the keyboard, in one place, from the one stored `layer`
(the board, the search box, the help, a dialog, or the quit question over one of them): the quit
question, a too-small terminal, the layer, else the walkthrough (its outline first) or the board. `Keys.dispatch` looks the key up in that mode's bindings (on the board: the
current screen's own first, then editing, lists and everywhere, each with the user's remaps). A
disabled binding (read-only, nothing selected) puts its reason in the status line; an enabled one
runs, changing the state and perhaps returning effects (`.save`, `.loadHistory`, `.startPresentation`,
`.quit`). The runtime carries those out against the store and feeds each answer (`.saved`,
`.conflict`, `.saveFailed`, `.historyLoaded`) back through `update`. Then `render(state)` draws a
`Frame` (the current screen's feature, the hint bar from the same bindings, then the mode's overlay)
and the terminal paints only the cells that changed.

Golden frames of every screen, every dialog (forms, find, the viewer, attention, the rating picker,
confirm, conflict, actions, the minutes, discard, quit), the search box, the help, every kind of
walkthrough slide (and the outline) at 80x24 for both datasets, and the national view, text and style
(each cell's role as a letter), are checked in under `Tests/VRUITests/Golden`; after a deliberate change, `VRBOARD_UPDATE_GOLDEN=1 swift test --filter
GoldenFrameTests` rewrites them (review the diff before committing).

The tree is formatted with swift-format (it ships with the toolchain), one statement per line, and a
test fails when it is not:
`swift format --configuration .ci/swift-format.json --in-place --recursive Sources Tests Package.swift`.
"""#),
    ]

    /// The topic's text (`keys` with the key table generated from the keymap), or the list of topics for
    /// `topics`; nil for a name that is no topic (a command's help is ArgumentParser's).
    static func text(_ name: String?) -> String? {
        if name == "topics" {
            return "vrboard help TOPIC, where TOPIC is one of:\n\n"
                + all.map { "  \($0.name.padding(toLength: 14, withPad: " ", startingAt: 0))\($0.summary)" }.joined(separator: "\n")
                + "\n  man           The manual page (roff) of all of these: vrboard help man > vrboard.1; man -l vrboard.1"
                + "\n\nvrboard help COMMAND (or vrboard COMMAND --help) shows a command's options."
        }
        if name == "man" { return Manual.page(version: VRBoard.configuration.version) }
        guard let topic = all.first(where: { $0.name == name }) else { return nil }
        return topic.text.replacingOccurrences(of: "{{KEYS}}", with: Keys.markdown)
    }
}
