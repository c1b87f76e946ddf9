#include "profiles/profile.h"

#include "connection/connectiondisplay.h"
#include "connection/connectioninfo.h"

#include <QFileInfo>
#include <QJsonValue>
#include <QRegularExpression>

namespace strata {

namespace {

const QString kProduction = QStringLiteral("Production");

QString engineName(Profile::Engine engine)
{
    return engine == Profile::Engine::Postgres ? QStringLiteral("postgresql")
                                               : QStringLiteral("sqlite");
}

// Reads an optional string member; a member of another type is an error naming it.
Status readString(const QJsonObject &object, const char *key, QString &out)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString())
        return Error::failure(QStringLiteral("'%1' must be a string").arg(QLatin1String(key)));
    out = value.toString();
    return {};
}

} // namespace

QStringList standardEnvironments()
{
    return {QStringLiteral("Development"), QStringLiteral("Staging"), kProduction};
}

Profile Profile::forEnvironment(const QString &environment)
{
    Profile profile;
    profile.environment = environment;
    if (environment.compare(kProduction, Qt::CaseInsensitive) == 0) {
        profile.colour = QStringLiteral("#c62828");
        profile.isProtected = true;
    } else if (environment.compare(QStringLiteral("Staging"), Qt::CaseInsensitive) == 0) {
        profile.colour = QStringLiteral("#ef6c00");
    } else if (environment.compare(QStringLiteral("Development"), Qt::CaseInsensitive) == 0) {
        profile.colour = QStringLiteral("#2e7d32");
    } else {
        profile.colour = QStringLiteral("#1565c0");
    }
    return profile;
}

QString Profile::url(const QString &password) const
{
    if (engine == Engine::Sqlite)
        return QStringLiteral("sqlite:///") + QFileInfo(sqliteFile).absoluteFilePath();

    QStringList parts;
    auto add = [&parts](const char *key, const QString &value) {
        if (!value.isEmpty())
            parts.append(QLatin1String(key) + QLatin1Char('=') +
                         ConnectionResolver::quoteKeywordValue(value));
    };
    add("service", service);
    add("host", host);
    // With a service, the service file decides the port unless another one was chosen.
    if (port > 0 && (service.isEmpty() || port != 5432))
        add("port", QString::number(port));
    add("dbname", database);
    add("user", user);
    add("sslmode", sslmode);
    add("password", password);
    return parts.join(QLatin1Char(' '));
}

QString Profile::databaseName() const
{
    if (engine == Engine::Sqlite)
        return QFileInfo(sqliteFile).fileName();
    if (!database.isEmpty())
        return database;
    return service;
}

QString Profile::displayTarget() const
{
    return ConnectionDisplay::readable(url());
}

QJsonObject Profile::toJson() const
{
    QJsonObject out{
        {QStringLiteral("name"), name},
        {QStringLiteral("environment"), environment},
        {QStringLiteral("colour"), colour},
        {QStringLiteral("protected"), isProtected},
        {QStringLiteral("engine"), engineName(engine)},
        {QStringLiteral("project"), projectDir},
    };
    if (!versionTable.isEmpty())
        out.insert(QStringLiteral("version_table"), versionTable);
    if (!schema.isEmpty())
        out.insert(QStringLiteral("schema"), schema);
    if (engine == Engine::Sqlite) {
        out.insert(QStringLiteral("file"), sqliteFile);
        return out;
    }
    auto put = [&out](const char *key, const QString &value) {
        if (!value.isEmpty())
            out.insert(QLatin1String(key), value);
    };
    put("service", service);
    put("host", host);
    out.insert(QStringLiteral("port"), port);
    put("database", database);
    put("user", user);
    put("sslmode", sslmode);
    return out;
}

Result<Profile> Profile::fromJson(const QJsonObject &object)
{
    Profile p;
    auto fail = [&p](const Error &e) {
        const QString who = p.name.isEmpty() ? QStringLiteral("a profile")
                                             : QStringLiteral("profile '%1'").arg(p.name);
        return Error::failure(QStringLiteral("%1: %2").arg(who, e.message));
    };
    if (auto s = readString(object, "name", p.name); !s)
        return fail(s.error());
    if (p.name.trimmed().isEmpty())
        return fail(Error::failure(QStringLiteral("'name' is missing or empty")));

    QString engine = QStringLiteral("sqlite");
    QString colour = p.colour;
    for (auto [key, target] :
         {std::pair{"environment", &p.environment}, std::pair{"engine", &engine},
          std::pair{"colour", &colour}, std::pair{"project", &p.projectDir},
          std::pair{"version_table", &p.versionTable}, std::pair{"schema", &p.schema},
          std::pair{"file", &p.sqliteFile}, std::pair{"service", &p.service},
          std::pair{"host", &p.host}, std::pair{"database", &p.database},
          std::pair{"user", &p.user}, std::pair{"sslmode", &p.sslmode}}) {
        if (auto s = readString(object, key, *target); !s)
            return fail(s.error());
    }
    if (object.contains(QStringLiteral("password")))
        return fail(Error::failure(QStringLiteral(
            "holds a 'password'; profiles never store secrets: remove it and use .pgpass, "
            "the service file or the keychain")));

    if (engine == QLatin1String("postgresql") || engine == QLatin1String("postgres"))
        p.engine = Engine::Postgres;
    else if (engine == QLatin1String("sqlite"))
        p.engine = Engine::Sqlite;
    else
        return fail(Error::failure(
            QStringLiteral("unknown engine '%1'; use 'postgresql' or 'sqlite'").arg(engine)));

    static const QRegularExpression hexColour(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    if (!hexColour.match(colour).hasMatch())
        return fail(
            Error::failure(QStringLiteral("colour '%1' is not of the form #rrggbb").arg(colour)));
    p.colour = colour.toLower();

    const QJsonValue isProtected = object.value(QStringLiteral("protected"));
    if (!isProtected.isUndefined() && !isProtected.isBool())
        return fail(Error::failure(QStringLiteral("'protected' must be true or false")));
    p.isProtected = isProtected.isBool()
                        ? isProtected.toBool()
                        : p.environment.compare(kProduction, Qt::CaseInsensitive) == 0;

    const QJsonValue port = object.value(QStringLiteral("port"));
    if (!port.isUndefined()) {
        const int value = port.toInt(-1);
        if (!port.isDouble() || value < 1 || value > 65535)
            return fail(Error::failure(QStringLiteral("'port' must be a number from 1 to 65535")));
        p.port = value;
    }

    if (p.engine == Engine::Sqlite && p.sqliteFile.isEmpty())
        return fail(Error::failure(QStringLiteral("a SQLite profile needs 'file'")));
    if (p.engine == Engine::Postgres && p.service.isEmpty() && p.database.isEmpty())
        return fail(
            Error::failure(QStringLiteral("a PostgreSQL profile needs 'database' or 'service'")));
    return p;
}

} // namespace strata
