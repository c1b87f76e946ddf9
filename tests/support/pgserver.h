#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace strata::test {

// A throwaway PostgreSQL cluster for tests: initdb and pg_ctl from the Debian packages, on a
// free loopback port and a private socket folder, run as the `postgres` user (through runuser)
// when the tests run as root, since the server refuses root. Stopped and deleted on destruction.
// Over the socket every role connects without a password (trust); over TCP on 127.0.0.1 the
// server asks for one (scram-sha-256), for tests of password handling.
class PgServer
{
public:
    ~PgServer();

    // nullptr, with the reason in *error, when no server can be started here.
    static std::unique_ptr<PgServer> start(QString *error);

    QString socketDir() const { return m_socketDir; }
    int port() const { return m_port; }
    QString binDir() const { return m_binDir; }
    // A libpq keyword string for the superuser `postgres` over the private socket.
    QString conninfo(const QString &database = QStringLiteral("postgres")) const;
    // Stops the server (fast shutdown: sessions are ended mid-statement, as when a server goes
    // away) and starts it again on the same port and socket, for tests of lost connections.
    bool stop(QString *output = nullptr);
    bool startAgain(QString *output = nullptr);
    bool isRunning() const { return m_running; }
    // Runs one SQL command with psql; false and the output in *output on failure.
    bool psql(const QString &sql, QString *output = nullptr,
              const QString &database = QStringLiteral("postgres")) const;

private:
    PgServer() = default;
    bool runAsServerUser(const QString &program, const QStringList &arguments,
                         QString *output) const;
    bool pgCtlStart(QString *output);

    QTemporaryDir m_dir;
    QString m_binDir;
    QString m_dataDir;
    QString m_socketDir;
    int m_port = 0;
    bool m_running = false;
    bool m_asRoot = false;
};

} // namespace strata::test
