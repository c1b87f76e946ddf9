#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace strata {

// One migration file, as parsed. The header is authoritative; the file name is informational.
struct Migration
{
    QString revision;          // 1..32 characters of [A-Za-z0-9_]
    QStringList downRevisions; // empty for a base; two or more make a merge point
    QStringList dependsOn;     // revisions or branch labels
    QStringList branchLabels;
    QString message;
    QString createDate;
    bool transactional = true;

    QString upgradeSql;        // text after "-- +upgrade", up to the next marker
    int upgradeLine = 0;       // 1-based line of the first line of upgradeSql
    bool hasDowngrade = false; // false: irreversible
    QString downgradeSql;
    int downgradeLine = 0;

    QString filePath;          // absolute path of the file
    int headerLine = 1;        // line of the "revision:" key, for errors about the revision
    int downRevisionsLine = 0; // line of the "down_revision:" key (0: absent)
    int dependsOnLine = 0;     // line of the "depends_on:" key (0: absent)
    int branchLabelsLine = 0;  // line of the "branch_labels:" key (0: absent)

    // SHA-256 (hex) of the upgrade section's UTF-8 bytes, line endings normalised to \n, with
    // the section's leading and trailing blank lines left out (a blank line before a new
    // '-- +downgrade' marker is layout, not SQL) and each remaining line ending in \n.
    // Recorded in the history table; compare with checksumMatches(), never with ==.
    QByteArray upgradeChecksum() const;
    // Whether a checksum recorded in the history table is this upgrade section's: the current
    // checksum, or one an older Strata recorded for the same SQL (it hashed the section's raw
    // text, blank lines around it included). False means the section was edited.
    bool checksumMatches(const QString &recorded) const;
};

} // namespace strata
