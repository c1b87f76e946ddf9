#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace strata {

// The audit log's hash chain, which makes an edit of the log evident (one home for the rule:
// the command line's `strata audit verify` and the app's Audit tab both ask verify()).
//
// Each entry (one JSON object per line) carries "prev", the "hash" of the entry before it ("" for
// the first entry of the chain), and "hash": the SHA-256 (lower-case hex) of the entry's
// canonical form, which is the entry's JSON object without "hash" (so with "prev": the previous
// entry's hash is part of what is hashed), keys in sorted order, compact, as Qt's QJsonDocument
// writes it. Changing, removing or inserting a line breaks a link that verify() finds and names.
// Entries written before the chain existed (no "hash") may only stand at the start of the log:
// they are reported as unchained, not as tampered.
//
// What a chain without a secret cannot show: a person who rewrites every later entry with fresh
// hashes, or who removes entries from the end. Recording the head (lastHash) elsewhere, as a
// ticket or a report does, shows both.
struct AuditVerification
{
    enum class State { Intact, Broken, Unreadable };
    enum class Fault { None, Changed, Removed, Inserted };

    State state = State::Intact;
    Fault fault = Fault::None;
    // 1-based line of the first fault in the file as it is: the line changed or inserted, or
    // for Removed the line after the gap. 0 when intact or unreadable.
    int line = 0;
    int entries = 0;      // entries read (lines that are not empty)
    int unchained = 0;    // entries at the start written before the chain
    int chained = 0;      // entries checked before the first fault (all of them when intact)
    QString lastHash;     // the hash of the last chained entry read; empty when none
    QString message;      // a sentence for people: what is intact or what is wrong, naming the line
    bool missing = false; // unreadable because there is no log at all (nothing recorded yet)

    bool intact() const { return state == State::Intact; }
    static QString faultName(Fault fault); // "changed", "removed", "inserted", "" for None
};

namespace AuditChain {

// The canonical bytes of `entry` (its "hash" left out), as hashed.
QByteArray canonical(QJsonObject entry);
// SHA-256 (lower-case hex) of canonical(entry), through OpenSSL's libcrypto.
QString hashOf(const QJsonObject &entry);
// `entry` linked after `previousHash` ("" for the first): with "prev" and "hash" set.
QJsonObject link(QJsonObject entry, const QString &previousHash);
// The hash to link a new entry after, from the log's last line: its "hash", or "" when the log
// is empty or its last entry was written before the chain.
QString lastHashOf(const QByteArray &lastLine);
// Checks the chain of the log in `bytes` (the whole file).
AuditVerification verify(const QByteArray &bytes);

} // namespace AuditChain

} // namespace strata
