#include "project/revisionwriter.h"

#include "loadedproject.h"

#include "project/migrationparser.h"
#include "project/project.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>

namespace strata {

QString RevisionWriter::generateRevisionId()
{
    const quint64 value = QRandomGenerator::system()->generate64() & 0xFFFFFFFFFFFFull;
    return QStringLiteral("%1").arg(value, 12, 16, QLatin1Char('0'));
}

namespace {

QString slug(const QString &message)
{
    QString out;
    for (QChar c : message.toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
            (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            out += c;
        else if (!out.endsWith(QLatin1Char('_')))
            out += QLatin1Char('_');
        if (out.size() >= 40)
            break;
    }
    while (out.endsWith(QLatin1Char('_')))
        out.chop(1);
    while (out.startsWith(QLatin1Char('_')))
        out.remove(0, 1);
    return out;
}

// Why a well-formed id must not name a new revision, or an empty string. Files that already
// carry such an id still load; only creating one is refused.
QString newRevisionIdProblem(const QString &id)
{
    // The words targets and ranges give a meaning of their own (RevisionGraph::resolve, and
    // `history -r current:`): a revision of that name could never be named by them.
    static const QLatin1String reserved[] = {QLatin1String("base"), QLatin1String("head"),
                                             QLatin1String("heads"), QLatin1String("current")};
    for (QLatin1String word : reserved)
        if (id.compare(word, Qt::CaseInsensitive) == 0)
            return QStringLiteral("revision id '%1' is a word targets use (base, head, heads, "
                                  "current): `%2` would not name this revision; choose another id")
                .arg(id, word);
    // A short all-digit id is what a mistyped relative step (`downgrade 1` for `-1`) reads as;
    // prefixes shorter than 4 characters are refused for that reason, so are such ids.
    if (id.size() < 4 && std::all_of(id.begin(), id.end(), [](QChar c) { return c.isDigit(); }))
        return QStringLiteral("revision id '%1' is all digits and shorter than 4 characters: "
                              "`downgrade %1` would revert to it where `-%1` was meant; choose an "
                              "id of 4 or more characters, or one with a letter")
            .arg(id);
    return {};
}

} // namespace

Result<QString> RevisionWriter::write(const Project &project, const NewRevision &spec)
{
    QString id = spec.revisionId.isEmpty() ? generateRevisionId() : spec.revisionId;
    if (const QString problem = MigrationParser::revisionIdProblem(id); !problem.isEmpty())
        return Error::usage(problem);
    if (const QString problem = newRevisionIdProblem(id); !problem.isEmpty())
        return Error::usage(problem);
    for (const Migration &m : project.migrations())
        if (m.revision == id)
            return Error::failure(
                QStringLiteral("revision id %1 is already used by %2").arg(id, m.filePath));
    const QString revisionWord = QStringLiteral("revision id");
    for (const QStringList *ids : {&spec.downRevisions, &spec.dependsOn})
        for (const QString &parent : *ids)
            if (const QString problem = MigrationParser::revisionIdProblem(parent, revisionWord);
                !problem.isEmpty())
                return Error::usage(problem);
    for (const QString &label : spec.branchLabels)
        if (const QString problem =
                MigrationParser::revisionIdProblem(label, QStringLiteral("branch label"));
            !problem.isEmpty())
            return Error::usage(problem);
    const QString message = spec.message.trimmed();
    if (message.contains(QLatin1Char('\n')) || message.contains(QLatin1Char('\r')))
        return Error::usage(QStringLiteral("the message must be a single line"));

    const QString messageSlug = slug(message);
    const QString name = messageSlug.isEmpty() ? id + QStringLiteral(".sql")
                                               : QStringLiteral("%1_%2.sql").arg(id, messageSlug);
    const QString path = QDir(project.versionsDir()).filePath(name);
    const QDateTime created =
        spec.createDate.isValid() ? spec.createDate : QDateTime::currentDateTime();

    // "-- key: value", without a trailing blank when the value is empty.
    auto headerLine = [](QLatin1String key, const QString &value) {
        return value.isEmpty() ? QStringLiteral("-- %1:\n").arg(key)
                               : QStringLiteral("-- %1: %2\n").arg(key, value);
    };
    QString text;
    text += headerLine(QLatin1String("revision"), id);
    text +=
        headerLine(QLatin1String("down_revision"), spec.downRevisions.join(QLatin1String(", ")));
    text += headerLine(QLatin1String("message"), message);
    text += QStringLiteral("-- create_date: %1\n")
                .arg(created.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    if (!spec.branchLabels.isEmpty())
        text += QStringLiteral("-- branch_labels: %1\n")
                    .arg(spec.branchLabels.join(QLatin1String(", ")));
    if (!spec.dependsOn.isEmpty())
        text += QStringLiteral("-- depends_on: %1\n").arg(spec.dependsOn.join(QLatin1String(", ")));
    if (!spec.transactional)
        text += QStringLiteral("-- transactional: false\n");
    auto section = [](const QString &sql) {
        if (sql.isEmpty())
            return QStringLiteral("\n");
        return sql.endsWith(QLatin1Char('\n')) ? sql : sql + QLatin1Char('\n');
    };
    text += QStringLiteral("\n-- +upgrade\n") + section(spec.upgradeSql);
    text += QStringLiteral("\n-- +downgrade\n") + section(spec.downgradeSql);

    // The file must read back as written: this refuses a revision listing itself or a parent
    // twice, and SQL holding a section marker of its own.
    const QByteArray bytes = text.toUtf8();
    auto check = MigrationParser::parse(path, bytes);
    if (!check)
        return Error::usage(check.error().message);
    if (check->revision != id || check->downRevisions != spec.downRevisions ||
        check->dependsOn != spec.dependsOn || check->branchLabels != spec.branchLabels ||
        check->message != message || check->transactional != spec.transactional)
        return Error::failure(
            QStringLiteral("the new revision %1 would not read back as written").arg(id));

    if (QFileInfo::exists(path))
        return Error::failure(QStringLiteral("%1 already exists; not overwriting it").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return Error::failure(QStringLiteral("cannot create %1: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.flush())
        return Error::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return path;
}

Result<QString> RevisionWriter::create(const LoadedProject &loaded, const RevisionRequest &request)
{
    if (request.message.trimmed().isEmpty())
        return Error::usage(QStringLiteral("a new revision needs a message: what it does"));
    const RevisionGraph &graph = loaded.graph;
    QStringList parents;
    const QStringList requested =
        request.heads.isEmpty() ? QStringList{QStringLiteral("head")} : request.heads;
    for (const QString &head : requested) {
        auto resolved = graph.resolve(head);
        if (!resolved) {
            Error e = resolved.error();
            if (head == QLatin1String("head") && request.heads.isEmpty())
                e.message +=
                    QStringLiteral("; choose the parent with --head, or merge the heads first");
            return e;
        }
        for (int i : *resolved) {
            if (!request.splice && !graph.isHead(i))
                return Error::failure(
                    QStringLiteral(
                        "revision %1 is not a head; add --splice to start a branch from it")
                        .arg(graph.id(i)));
            if (!parents.contains(graph.id(i)))
                parents.append(graph.id(i));
        }
    }
    QStringList depends;
    for (const QString &dep : request.dependsOn) {
        if (graph.labelRevision(dep) >= 0) {
            depends.append(dep); // a label stays a label: it follows its branch
            continue;
        }
        auto resolved = graph.resolveOne(dep);
        if (!resolved)
            return resolved.error();
        depends.append(graph.id(*resolved));
    }
    NewRevision spec;
    spec.revisionId = request.revisionId;
    spec.message = request.message.trimmed();
    spec.downRevisions = parents;
    spec.branchLabels = request.branchLabels;
    spec.dependsOn = depends;
    spec.transactional = request.transactional;
    return write(loaded.project, spec);
}

Result<QString> RevisionWriter::merge(const LoadedProject &loaded, const MergeRequest &request)
{
    if (request.message.trimmed().isEmpty())
        return Error::usage(QStringLiteral("a merge needs a message: -m \"merge ...\""));
    const RevisionGraph &graph = loaded.graph;
    QStringList parents;
    for (const QString &target : request.targets) {
        auto resolved = graph.resolve(target);
        if (!resolved)
            return resolved.error();
        for (int i : *resolved)
            if (!parents.contains(graph.id(i)))
                parents.append(graph.id(i));
    }
    if (parents.size() < 2)
        return Error::failure(
            QStringLiteral("nothing to merge: %1 names a single revision (%2)")
                .arg(request.targets.join(QLatin1Char(' ')), parents.join(QLatin1String(", "))));
    for (const QString &a : parents) {
        const QList<int> below = graph.ancestors({graph.indexOf(a)});
        for (const QString &b : parents)
            if (a != b && below.contains(graph.indexOf(b)))
                return Error::failure(
                    QStringLiteral("cannot merge %1 with its own ancestor %2").arg(a, b));
    }
    NewRevision spec;
    spec.revisionId = request.revisionId;
    spec.message = request.message;
    spec.downRevisions = parents;
    spec.branchLabels = request.branchLabels;
    return write(loaded.project, spec);
}

} // namespace strata
