#include "audit/auditchain.h"

#include "text/englishcount.h"

#include <QJsonDocument>
#include <QList>
#include <QSet>

#include <openssl/evp.h>

#include <optional>

namespace strata {

namespace {

const QString kPrev = QStringLiteral("prev");
const QString kHash = QStringLiteral("hash");

// One line of the log as read: its number, and the object when it parses as one.
struct Line
{
    int number = 0;
    std::optional<QJsonObject> object;
    bool hasHash() const { return object && object->contains(kHash); }
    QString prev() const { return object ? object->value(kPrev).toString() : QString(); }
    QString hash() const { return object ? object->value(kHash).toString() : QString(); }
    bool selfConsistent() const { return hasHash() && AuditChain::hashOf(*object) == hash(); }
};

QList<Line> linesOf(const QByteArray &bytes)
{
    QList<Line> out;
    int number = 0;
    for (const QByteArray &raw : bytes.split('\n')) {
        ++number;
        const QByteArray text = raw.trimmed();
        if (text.isEmpty())
            continue;
        Line line;
        line.number = number;
        const QJsonDocument doc = QJsonDocument::fromJson(text);
        if (doc.isObject())
            line.object = doc.object();
        out.append(line);
    }
    return out;
}

AuditVerification broken(AuditVerification v, AuditVerification::Fault fault, int line,
                         const QString &why)
{
    v.state = AuditVerification::State::Broken;
    v.fault = fault;
    v.line = line;
    v.message = why;
    return v;
}

} // namespace

QString AuditVerification::faultName(Fault fault)
{
    switch (fault) {
    case Fault::None:
        return {};
    case Fault::Changed:
        return QStringLiteral("changed");
    case Fault::Removed:
        return QStringLiteral("removed");
    case Fault::Inserted:
        return QStringLiteral("inserted");
    }
    return {};
}

namespace AuditChain {

QByteArray canonical(QJsonObject entry)
{
    entry.remove(kHash);
    // QJsonObject keeps its keys sorted; Compact adds no spaces.
    return QJsonDocument(entry).toJson(QJsonDocument::Compact);
}

QString hashOf(const QJsonObject &entry)
{
    const QByteArray bytes = canonical(entry);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(bytes.constData(), size_t(bytes.size()), digest, &size, EVP_sha256(), nullptr) !=
        1)
        return {};
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), int(size)).toHex());
}

QJsonObject link(QJsonObject entry, const QString &previousHash)
{
    entry.insert(kPrev, previousHash);
    entry.insert(kHash, hashOf(entry));
    return entry;
}

QString lastHashOf(const QByteArray &lastLine)
{
    const QJsonDocument doc = QJsonDocument::fromJson(lastLine.trimmed());
    return doc.isObject() ? doc.object().value(kHash).toString() : QString();
}

AuditVerification verify(const QByteArray &bytes)
{
    using Fault = AuditVerification::Fault;
    const QList<Line> lines = linesOf(bytes);
    AuditVerification v;
    v.entries = int(lines.size());
    QString previous;       // hash of the last chained entry that checked out
    QString beforePrevious; // and of the one before it
    bool started = false;   // a chained entry was seen
    QSet<QString> seen;     // hashes of the entries that checked out
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const Line &line = lines.at(i);
        const Line *next = i + 1 < lines.size() ? &lines.at(i + 1) : nullptr;
        // The next entry links to the one before this: this one is extra.
        const bool nextSkipsThis = next && next->hasHash() && next->prev() == previous;
        if (!line.hasHash() && !started) {
            ++v.unchained; // written before the chain
            continue;
        }
        if (!line.selfConsistent()) {
            if (nextSkipsThis || (!next && !line.hasHash()))
                return broken(v, Fault::Inserted, line.number,
                              QStringLiteral("line %1 was inserted: it is not part of the chain "
                                             "(%2)")
                                  .arg(line.number)
                                  .arg(line.hasHash() ? QStringLiteral("its hash does not match")
                                                      : QStringLiteral("it has no hash")));
            return broken(v, Fault::Changed, line.number,
                          QStringLiteral("line %1 was changed: %2")
                              .arg(line.number)
                              .arg(!line.object     ? QStringLiteral("it is no longer an entry")
                                   : line.hasHash() ? QStringLiteral("its content no longer "
                                                                     "matches its hash")
                                                    : QStringLiteral("its hash is gone")));
        }
        if (seen.contains(line.hash()))
            return broken(v, Fault::Inserted, line.number,
                          QStringLiteral("line %1 was inserted: it repeats an earlier entry")
                              .arg(line.number));
        if (line.prev() != previous) {
            // The chain's first entry claims one before it: the line just before, when it is
            // not an older entry (those never carry "prev") but a chained one that lost its
            // hash or no longer parses, was changed.
            if (!started && i > 0 &&
                (!lines.at(i - 1).object || lines.at(i - 1).object->contains(kPrev))) {
                v.unchained -= 1;
                return broken(v, Fault::Changed, lines.at(i - 1).number,
                              QStringLiteral("line %1 was changed: %2")
                                  .arg(lines.at(i - 1).number)
                                  .arg(lines.at(i - 1).object
                                           ? QStringLiteral("its hash is gone")
                                           : QStringLiteral("it is no longer an entry")));
            }
            if (nextSkipsThis)
                return broken(v, Fault::Inserted, line.number,
                              QStringLiteral("line %1 was inserted: the entry after it follows "
                                             "the one before it")
                                  .arg(line.number));
            if (started && line.prev() == beforePrevious && i > 0)
                return broken(v, Fault::Inserted, lines.at(i - 1).number,
                              QStringLiteral("line %1 was inserted: line %2 follows the entry "
                                             "before it")
                                  .arg(lines.at(i - 1).number)
                                  .arg(line.number));
            return broken(v, Fault::Removed, line.number,
                          started ? QStringLiteral("an entry was removed before line %1: it does "
                                                   "not follow line %2 (or line %2 was rewritten "
                                                   "with a new hash)")
                                        .arg(line.number)
                                        .arg(lines.at(i - 1).number)
                                  : QStringLiteral("an entry was removed before line %1: the "
                                                   "chain's first entries are gone")
                                        .arg(line.number));
        }
        started = true;
        seen.insert(line.hash());
        beforePrevious = previous;
        previous = line.hash();
        v.lastHash = previous;
        ++v.chained;
    }
    const QString chained = countOf(v.chained, QStringLiteral("entry"), QStringLiteral("entries"));
    const QString unchained =
        countOf(v.unchained, QStringLiteral("entry"), QStringLiteral("entries"));
    if (v.entries == 0)
        v.message = QStringLiteral("the audit log is empty");
    else if (v.unchained == 0)
        v.message = QStringLiteral("intact: a chain of %1").arg(chained);
    else if (v.chained == 0)
        v.message = QStringLiteral("%1 written before the chain existed (unchained: they cannot "
                                   "be checked); none chained yet")
                        .arg(unchained);
    else
        v.message = QStringLiteral("intact: a chain of %1, after %2 written before the chain "
                                   "existed (unchained: they cannot be checked)")
                        .arg(chained, unchained);
    return v;
}

} // namespace AuditChain

} // namespace strata
