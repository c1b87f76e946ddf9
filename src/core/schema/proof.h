#pragma once

#include "error.h"
#include "schema/inspector.h"
#include "schema/schemadiff.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace strata {
class Driver;
}

// Proving a generated migration before it is written: Strata's rule that a migration it
// generates is shown to work, or refused with the reason, never silently wrong.
namespace strata::schema {

// What prove() found. Each property is checked in order; the first that fails stops the proof.
struct ProofReport
{
    bool upgradeApplied = false;   // the upgrade ran on a copy of FROM
    bool upgradeMatches = false;   // inspecting the result equals TO
    bool diffAgainEmpty = false;   // diffing the result with TO finds nothing
    bool downgradeApplied = false; // the downgrade ran on the result
    bool downgradeMatches = false; // inspecting that equals FROM
    // Rows seeded before the upgrade (table display -> count) that are missing afterwards,
    // only listed when the diff did not flag DeletesData for that table.
    QStringList rowsLost;
    // Why the proof failed: the property, the object and the server's message or the
    // differences ("upgrade result differs from the desired schema: column public.t.a
    // changed: type integer -> bigint").
    QString failure;
    // The property that failed, as a short name: "upgrade applies", "upgrade matches", "diff
    // again empty", "downgrade applies", "downgrade matches", "rows survive"; empty when none.
    QString failedProperty;
    // display() of the object the failure names first, when it names one.
    QString failedObject;
    // Rows seeded before the upgrade: table key -> rows inserted (tables that took none are
    // absent).
    QMap<QString, int> rowsSeeded;
    bool ok() const
    {
        return upgradeApplied && upgradeMatches && diffAgainEmpty && downgradeApplied &&
               downgradeMatches && rowsLost.isEmpty();
    }
};

// Runs the proof in `scratch`, an open driver on a throwaway database that holds FROM (the
// caller built it: migrations replayed, or a file applied) and that this function may change
// at will. `from` and `to` are the inspected models, `generated` the diff between them.
// Statements run in one transaction per direction unless the diff is not transactional.
// seedRows: before the upgrade, insert up to that many rows into each table of FROM that
// accepts generated values, and check afterwards that they survived (0: no seeding).
// Errors: only when the scratch database itself fails (connection lost); a migration that
// does not work is a ProofReport with failure set.
Result<ProofReport> prove(Driver &scratch, const SchemaModel &from, const SchemaModel &to,
                          const SchemaDiff &generated, const InspectOptions &inspectOptions,
                          int seedRows = 0);

// What an operation does to what, as proof failures name it, the kind said once: "rebuild
// table c" (kind "rebuild table", object "table c"), "drop index public.i", "add column t.a".
QString operationText(const Operation &op);

} // namespace strata::schema
