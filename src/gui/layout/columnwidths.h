#pragma once

class QTableView;

namespace strata::gui {

// Column widths that stay readable from a 1024x700 window up: measured from the font in use
// (average character widths, not the widest letter), the free text column stretching into
// what is left.

// History: revision, labels, state, applied at/by and duration sized for their usual content
// and header; Message takes the rest. While the table is narrower than about 120 characters,
// applied by and duration are hidden so the message stays readable.
void fitHistoryColumns(QTableView *history);

// Audit: Result and Reason come right after the action (so they are on screen at any size);
// every column fits its content up to a cap (the full text shows when the column is
// widened); Reason, last, takes the rest. Call after each reload.
void fitAuditColumns(QTableView *audit);

} // namespace strata::gui
