#include "cli.h"

#include "connection/connectioninfo.h"
#include "connection/connectiontarget.h"
#include "profiles/profilestore.h"
#include "storage/privatefiles.h"

#include "migrator.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace strata::cli {

Cli::Cli(QTextStream &out, QTextStream &err) : m_out(out), m_err(err) {}

int Cli::run(const QStringList &arguments)
{
    auto parsed = parseCommandLine(arguments);
    if (!parsed)
        return fail(parsed.error());
    m_inv = std::move(parsed).value();
    if (m_inv.version) {
        m_out << "strata " << STRATA_VERSION_STRING << Qt::endl;
        return Success;
    }
    if (m_inv.help) {
        m_out << (m_inv.command.isEmpty() ? usageText() : commandHelp(m_inv.command));
        m_out.flush();
        return Success;
    }
    // Strata's own files that an older version left open to others are made private when
    // next written: said once each, on stderr.
    PrivateFiles::setNoticeHandler([this](const PrivateFiles::Tightened &t) {
        if (!m_inv.quiet)
            m_err << "strata: note: " << PrivateFiles::noticeText(t) << Qt::endl;
    });
    const int code = dispatch();
    PrivateFiles::setNoticeHandler({});
    m_out.flush();
    m_err.flush();
    return code;
}

int Cli::dispatch()
{
    const QString &c = m_inv.command;
    if (c == QLatin1String("init"))
        return init();
    if (c == QLatin1String("revision"))
        return revision();
    if (c == QLatin1String("merge"))
        return merge();
    if (c == QLatin1String("upgrade"))
        return upgradeOrDowngrade(true);
    if (c == QLatin1String("downgrade"))
        return upgradeOrDowngrade(false);
    if (c == QLatin1String("stamp"))
        return stamp();
    if (c == QLatin1String("repair"))
        return repair();
    if (c == QLatin1String("current"))
        return current();
    if (c == QLatin1String("status"))
        return status();
    if (c == QLatin1String("ping"))
        return ping();
    if (c == QLatin1String("verify"))
        return verify();
    if (c == QLatin1String("lint"))
        return lint();
    if (c == QLatin1String("history"))
        return history();
    if (c == QLatin1String("heads"))
        return heads();
    if (c == QLatin1String("branches"))
        return branches();
    if (c == QLatin1String("show"))
        return show();
    if (c == QLatin1String("check"))
        return m_inv.drift ? drift() : check();
    if (c == QLatin1String("diff"))
        return diff();
    if (c == QLatin1String("backup"))
        return backup();
    if (c == QLatin1String("backups"))
        return backups();
    if (c == QLatin1String("restore"))
        return restore();
    if (c == QLatin1String("audit"))
        return m_inv.arguments.isEmpty() ? audit() : auditVerify();
    return fail(Error::usage(QStringLiteral("unknown command '%1'").arg(c)));
}

int Cli::fail(const Error &error)
{
    m_err << "strata: error: " << error.toString() << Qt::endl;
    if (m_inv.json) {
        QJsonObject e{{QStringLiteral("message"), error.message}};
        if (!error.file.isEmpty())
            e.insert(QStringLiteral("file"), error.file);
        if (error.line > 0)
            e.insert(QStringLiteral("line"), error.line);
        if (!error.details.isEmpty())
            e.insert(QStringLiteral("details"), QJsonArray::fromStringList(error.details));
        printJson({{QStringLiteral("error"), e}});
    }
    if (error.code == Error::Code::Cancelled || m_interrupted.load())
        return Cancelled;
    return error.kind == Error::Kind::Usage ? UsageError : Failure;
}

Result<Profile> Cli::findProfile(const QString &name)
{
    const ProfileStore store(ProfileStore::defaultFilePath());
    auto profiles = store.load();
    if (!profiles)
        return profiles.error();
    QStringList names;
    for (const Profile &p : *profiles) {
        if (p.name == name)
            return p;
        names.append(p.name);
    }
    return Error::failure(
               names.isEmpty()
                   ? QStringLiteral(
                         "no profile named '%1': %2 holds none (the desktop app saves them)")
                         .arg(name, store.filePath())
                   : QStringLiteral("no profile named '%1'; the profiles are: %2")
                         .arg(name, names.join(QLatin1String(", "))))
        .with(Error::Code::NotFound);
}

Result<MigratorOptions> Cli::migratorOptions(const QString &profileName)
{
    MigratorOptions options;
    options.projectDir = m_inv.projectDir;
    options.url = m_inv.url;
    options.versionTable = m_inv.versionTable;
    options.schema = m_inv.schema;
    options.connectTimeoutSeconds = m_inv.connectTimeout;
    const QString name = profileName.isEmpty() ? m_inv.profile : profileName;
    if (name.isEmpty())
        return options;
    auto p = findProfile(name);
    if (!p)
        return p.error();
    // The password comes from libpq's own places (PGPASSWORD, .pgpass, the service file);
    // the command line has no keychain.
    options.url = p->url();
    options.urlSource = QStringLiteral("--profile %1").arg(p->name);
    if (options.projectDir.isEmpty())
        options.projectDir = p->projectDir;
    if (options.versionTable.isEmpty())
        options.versionTable = p->versionTable;
    if (options.schema.isEmpty())
        options.schema = p->schema;
    return options;
}

Result<std::unique_ptr<Migrator>> Cli::openMigrator(const QString &profile)
{
    auto options = migratorOptions(profile);
    if (!options)
        return options.error();
    if (m_inv.sql)
        options->dialect = m_inv.dialect;
    auto migrator = Migrator::open(*options);
    if (!migrator)
        return migrator;
    note(QStringLiteral("database: %1 (from %2)")
             .arg((*migrator)->databaseDisplay(), (*migrator)->databaseSource()));
    // How the connection was read (URL parameters mapped or ignored, settings shadowed): not
    // only with -v, as a surprise about the target is worse than a line on stderr.
    if (!m_inv.quiet)
        for (const QString &line : (*migrator)->connectionInfo().notes)
            m_err << "strata: note: " << line << Qt::endl;
    return migrator;
}

void Cli::announceTarget(const Migrator &migrator)
{
    const ConnectionTarget target = ConnectionTarget::of(migrator.connectionInfo());
    m_target = target.toJson();
    if (m_inv.quiet)
        return;
    const QString line = QStringLiteral("Target: %1").arg(target.text());
    // With --json stdout holds one JSON document: the line goes to stderr.
    (m_inv.json ? m_err : m_out) << line << Qt::endl;
}

void Cli::printJson(const QJsonObject &object)
{
    QJsonObject out = object;
    if (!m_target.isEmpty() && !out.contains(QStringLiteral("target")))
        out.insert(QStringLiteral("target"), m_target);
    m_out << QJsonDocument(out).toJson(QJsonDocument::Indented);
    m_out.flush();
}

QString pathForUser(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString relative = QDir::current().relativeFilePath(absolute);
    return relative.startsWith(QLatin1String("..")) || QDir::isAbsolutePath(relative)
               ? QDir::cleanPath(absolute)
               : relative;
}

void Cli::say(const QString &line)
{
    if (!m_inv.quiet && !m_inv.json)
        m_out << line << Qt::endl;
}

void Cli::note(const QString &line)
{
    if (m_inv.verbose && !m_inv.quiet)
        m_err << line << Qt::endl;
}

} // namespace strata::cli
