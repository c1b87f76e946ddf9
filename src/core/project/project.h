#pragma once

#include "error.h"
#include "project/migration.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

// strata.ini's [strata] section.
struct ProjectConfig
{
    QString versionsDir = QStringLiteral("versions");
    QString versionTable = QStringLiteral("strata_version");
    QString url;
    QString versionTableSchema; // PostgreSQL schema of the version tables; empty: none
    // Schema diff (PostgreSQL): the desired-state SQL file `revision --autogenerate` compares
    // with (relative to the project folder), the server scratch databases are created on
    // instead of the configured database's, and the patterns `check --drift` skips
    // (comma-separated in strata.ini, e.g. "table public.tmp_*, public.audit_*").
    QString schemaFile;
    QString devUrl;
    QStringList driftIgnore;
};

// A migration project: strata.ini and the folder of migration files.
class Project
{
public:
    // The folder holding strata.ini: startDir or the nearest parent that has one. When startDir
    // does not exist or no strata.ini is found, Error::Code::NotFound (the project is missing).
    static Result<QString> findRoot(const QString &startDir);
    // Writes strata.ini and versions/ into dir (created if needed); refuses an existing project.
    static Status init(const QString &dir);
    // Reads strata.ini and parses every *.sql in the versions folder (sorted by name; hidden
    // files and subfolders ignored). Every broken file is reported: the first as the error, the
    // others' toString() in its details. An empty folder is no error here: see isEmpty().
    static Result<Project> open(const QString &rootDir);

    QString rootDir() const { return m_root; }
    QString iniPath() const;
    QString versionsDir() const; // absolute
    const ProjectConfig &config() const { return m_config; }
    const QList<Migration> &migrations() const { return m_migrations; }
    bool isEmpty() const { return m_migrations.isEmpty(); }
    Error emptyProjectError() const;

private:
    QString m_root;
    ProjectConfig m_config;
    QList<Migration> m_migrations;
};

} // namespace strata
