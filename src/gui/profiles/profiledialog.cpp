#include "profiles/profiledialog.h"

#include "drivers/driver.h"
#include "jobs/jobcontroller.h"
#include "profiles/environmentname.h"
#include "ui_profiledialog.h"

#include <QColorDialog>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>

namespace strata::gui {

ProfileDialog::ProfileDialog(const Profile &profile, const QStringList &takenNames, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ProfileDialog>()), m_takenNames(takenNames)
{
    m_ui->setupUi(this);
    for (const QString &environment : standardEnvironments())
        m_ui->environmentCombo->addItem(environmentName(environment), environment);
    m_ui->engineCombo->addItem(tr("PostgreSQL"), int(Profile::Engine::Postgres));
    m_ui->engineCombo->addItem(tr("SQLite"), int(Profile::Engine::Sqlite));
    m_ui->sslCombo->addItem(tr("(libpq default)"), QString());
    for (const char *mode : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
        m_ui->sslCombo->addItem(QString::fromLatin1(mode), QString::fromLatin1(mode));

    connect(m_ui->engineCombo, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_ui->engineStack->setCurrentIndex(index); });
    connect(m_ui->environmentCombo, &QComboBox::currentTextChanged, this,
            &ProfileDialog::environmentChanged);
    connect(m_ui->colourButton, &QPushButton::clicked, this, [this] {
        const QColor chosen = QColorDialog::getColor(QColor(m_colour), this, tr("Profile Colour"));
        if (chosen.isValid()) {
            m_colourChosen = true;
            setColour(chosen.name());
        }
    });
    connect(m_ui->fileBrowse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("SQLite Database"), m_ui->fileEdit->text(),
            tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"), nullptr,
            QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_ui->fileEdit->setText(file);
    });
    connect(m_ui->projectBrowse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Migration Project"),
                                                              m_ui->projectEdit->text());
        if (!dir.isEmpty())
            m_ui->projectEdit->setText(dir);
    });
    connect(m_ui->testButton, &QPushButton::clicked, this, &ProfileDialog::testConnection);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ProfileDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->validationLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_ui->validationLabel->hide();

    setProfile(profile);
    setWindowTitle(profile.name.isEmpty() ? tr("New Connection Profile")
                                          : tr("Edit Profile %1").arg(profile.name));
}

ProfileDialog::~ProfileDialog()
{
    // A test still connecting would make the destructor wait for the server: let the
    // controller finish on its own and go away then, so closing the dialog never blocks.
    if (m_tester && m_testing) {
        JobController *tester = m_tester.release();
        connect(tester->worker(), &MigrationWorker::connectionTested, tester,
                &QObject::deleteLater);
    }
}

void ProfileDialog::setProfile(const Profile &p)
{
    m_ui->nameEdit->setText(p.name);
    m_ui->environmentCombo->setCurrentText(environmentName(p.environment));
    setColour(p.colour);
    // A colour other than its environment's default was chosen by hand and survives a move.
    m_colourChosen = p.colour != Profile::forEnvironment(p.environment).colour;
    m_ui->protectedCheck->setChecked(p.isProtected);
    m_ui->engineCombo->setCurrentIndex(m_ui->engineCombo->findData(int(p.engine)));
    m_ui->engineStack->setCurrentIndex(m_ui->engineCombo->currentIndex());
    m_ui->serviceEdit->setText(p.service);
    m_ui->hostEdit->setText(p.host);
    m_ui->portSpin->setValue(p.port);
    m_ui->databaseEdit->setText(p.database);
    m_ui->userEdit->setText(p.user);
    m_ui->sslCombo->setCurrentIndex(std::max(0, m_ui->sslCombo->findData(p.sslmode)));
    m_ui->fileEdit->setText(p.sqliteFile);
    m_ui->projectEdit->setText(p.projectDir);
    m_ui->versionTableEdit->setText(p.versionTable);
    m_ui->schemaEdit->setText(p.schema);
}

Profile ProfileDialog::profile() const
{
    Profile p;
    p.name = m_ui->nameEdit->text().trimmed();
    p.environment = environmentFromName(m_ui->environmentCombo->currentText());
    p.colour = m_colour;
    p.isProtected = m_ui->protectedCheck->isChecked();
    p.engine = Profile::Engine(m_ui->engineCombo->currentData().toInt());
    p.service = m_ui->serviceEdit->text().trimmed();
    p.host = m_ui->hostEdit->text().trimmed();
    p.port = m_ui->portSpin->value();
    p.database = m_ui->databaseEdit->text().trimmed();
    p.user = m_ui->userEdit->text().trimmed();
    p.sslmode = m_ui->sslCombo->currentData().toString();
    const QString file = m_ui->fileEdit->text().trimmed();
    p.sqliteFile = file.isEmpty() ? QString() : QFileInfo(file).absoluteFilePath();
    const QString project = m_ui->projectEdit->text().trimmed();
    p.projectDir = project.isEmpty() ? QString() : QDir(project).absolutePath();
    p.versionTable = m_ui->versionTableEdit->text().trimmed();
    p.schema = m_ui->schemaEdit->text().trimmed();
    return p;
}

QString ProfileDialog::validationError() const
{
    const Profile p = profile();
    if (p.name.isEmpty())
        return tr("Give the profile a name.");
    if (m_takenNames.contains(p.name, Qt::CaseInsensitive))
        return tr("There is already a profile named %1.").arg(p.name);
    if (p.environment.isEmpty())
        return tr("Choose an environment.");
    if (p.engine == Profile::Engine::Postgres && p.service.isEmpty() && p.database.isEmpty())
        return tr("Give a database name or a pg_service.conf service.");
    if (p.engine == Profile::Engine::Sqlite && p.sqliteFile.isEmpty())
        return tr("Choose the SQLite database file.");
    if (p.projectDir.isEmpty())
        return tr("Choose the migration project folder.");
    if (!QFileInfo::exists(QDir(p.projectDir).filePath(QStringLiteral("strata.ini"))))
        return tr("%1 holds no strata.ini: choose the folder of a migration project (create "
                  "one with `strata init`).")
            .arg(QDir::toNativeSeparators(p.projectDir));
    if (!p.schema.isEmpty() && p.engine == Profile::Engine::Sqlite)
        return tr("SQLite has no schemas: leave the schema empty.");
    if (!p.schema.isEmpty() && !isValidTableName(p.schema))
        return tr("'%1' is not a valid schema name (letters, digits and _, not starting with a "
                  "digit).")
            .arg(p.schema);
    return {};
}

void ProfileDialog::accept()
{
    const QString error = validationError();
    m_ui->validationLabel->setText(error);
    m_ui->validationLabel->setVisible(!error.isEmpty());
    if (error.isEmpty())
        QDialog::accept();
}

void ProfileDialog::environmentChanged(const QString &environment)
{
    // Moving a profile to Production protects it; a colour chosen by hand stays.
    const Profile defaults = Profile::forEnvironment(environmentFromName(environment));
    m_ui->protectedCheck->setChecked(defaults.isProtected);
    if (!m_colourChosen)
        setColour(defaults.colour);
}

void ProfileDialog::setColour(const QString &colour)
{
    m_colour = colour;
    m_ui->colourButton->setText(colour);
    m_ui->colourButton->setStyleSheet(
        QStringLiteral("background-color: %1; color: white; font-weight: bold;").arg(colour));
}

void ProfileDialog::testConnection()
{
    const Profile p = profile();
    MigratorOptions options;
    options.projectDir = p.projectDir;
    options.url = p.url();
    options.versionTable = p.versionTable;
    options.schema = p.schema;
    m_tester = std::make_unique<JobController>(options, p.name);
    m_testing = true;
    m_ui->testButton->setEnabled(false);
    m_ui->testResult->setStyleSheet(QString());
    m_ui->testResult->setText(tr("Connecting…"));
    connect(m_tester->worker(), &MigrationWorker::connectionTested, this,
            [this](bool ok, const QString &message) {
                m_testing = false;
                m_ui->testButton->setEnabled(true);
                m_ui->testResult->setStyleSheet(ok ? QStringLiteral("color: #2e7d32;")
                                                   : QStringLiteral("color: #c62828;"));
                m_ui->testResult->setText(message);
            });
    m_tester->testConnection();
}

} // namespace strata::gui
