// The Settings dialog: shows what is stored, stores what is chosen, and the values it stores
// are the ones the app uses (Settings::load, read by runs, backups and the confirmation).

#include "mainwindow.h"
#include "settings/settings.h"
#include "settings/settingsdialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::gui;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    template <typename W> static W *child(QWidget &dialog, const char *name)
    {
        auto *w = dialog.findChild<W *>(QLatin1String(name));
        if (!w)
            qFatal("no %s", name);
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("STRATA_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("STRATA_NO_KEYCHAIN", "1");
        qputenv("STRATA_LOG_DIR", m_home.filePath(QStringLiteral("logs")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg-config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("xdg-data")).toUtf8());
        QCoreApplication::setApplicationName(QStringLiteral("strata-test"));
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
    }

    void init()
    {
        QSettings().clear();
        QFile::remove(strata::LintPolicy::settingsFilePath());
    }

    void showsWhatIsStored()
    {
        Settings s;
        s.language = QStringLiteral("de");
        s.lockTimeoutMs = 5000;
        s.statementTimeoutMs = 90000;
        s.backupFolder = m_home.filePath(QStringLiteral("backups"));
        s.keepBackups = 3;
        s.postgresToolsFolder = QStringLiteral("/opt/pg16/bin");
        s.protectedLint = LintBlock::Warnings;
        QVERIFY(s.save());
        SettingsDialog d(Settings::load());
        QCOMPARE(child<QComboBox>(d, "languageCombo")->currentData().toString(),
                 QStringLiteral("de"));
        QCOMPARE(child<QDoubleSpinBox>(d, "lockTimeoutSpin")->value(), 5.0);
        QCOMPARE(child<QDoubleSpinBox>(d, "statementTimeoutSpin")->value(), 90.0);
        QCOMPARE(child<QLineEdit>(d, "backupFolderEdit")->text(), s.backupFolder);
        QCOMPARE(child<QSpinBox>(d, "keepSpin")->value(), 3);
        QCOMPARE(child<QLineEdit>(d, "toolsFolderEdit")->text(), s.postgresToolsFolder);
        QCOMPARE(LintBlock(child<QComboBox>(d, "lintPolicyCombo")->currentData().toInt()),
                 LintBlock::Warnings);
    }

    void storesWhatIsChosen()
    {
        SettingsDialog d(Settings::load());
        // Defaults: the server's own timeouts, every backup kept, errors block.
        QCOMPARE(child<QDoubleSpinBox>(d, "lockTimeoutSpin")->value(), 0.0);
        QVERIFY(!child<QDoubleSpinBox>(d, "lockTimeoutSpin")->text().isEmpty());
        child<QComboBox>(d, "languageCombo")->setCurrentIndex(2); // Deutsch
        child<QDoubleSpinBox>(d, "lockTimeoutSpin")->setValue(2.5);
        child<QDoubleSpinBox>(d, "statementTimeoutSpin")->setValue(600);
        child<QLineEdit>(d, "backupFolderEdit")->setText(m_home.filePath(QStringLiteral("b")));
        child<QSpinBox>(d, "keepSpin")->setValue(7);
        child<QLineEdit>(d, "toolsFolderEdit")
            ->setText(QStringLiteral("/usr/lib/postgresql/15/bin"));
        child<QComboBox>(d, "lintPolicyCombo")->setCurrentIndex(2); // warn only
        child<QDialogButtonBox>(d, "buttonBox")->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(d.result(), int(QDialog::Accepted));

        const Settings s = Settings::load();
        QCOMPARE(s.language, QStringLiteral("de"));
        QCOMPARE(s.runLockTimeoutMs(), 2500);
        QCOMPARE(s.runStatementTimeoutMs(), 600000);
        QCOMPARE(s.backupDir(), m_home.filePath(QStringLiteral("b")));
        QCOMPARE(s.keepFor(QStringLiteral("any profile")), 7);
        QCOMPARE(s.toolDirs().first(), QStringLiteral("/usr/lib/postgresql/15/bin"));
        QCOMPARE(s.protectedLint, LintBlock::Nothing);
        // The core's policy, which the confirmation and `strata upgrade` ask.
        QCOMPARE(strata::LintPolicy::onProtected(), LintBlock::Nothing);
        // main() reads the language from the same key.
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("de"));
    }

    void cancelStoresNothing()
    {
        SettingsDialog d(Settings::load());
        child<QSpinBox>(d, "keepSpin")->setValue(9);
        child<QDialogButtonBox>(d, "buttonBox")->button(QDialogButtonBox::Cancel)->click();
        QCOMPARE(Settings::load().keepBackups, 0);
    }

    void theWindowOpensIt()
    {
        MainWindow w;
        auto *action = w.findChild<QAction *>(QStringLiteral("actionSettings"));
        QVERIFY(action);
        action->trigger();
        QTRY_VERIFY(qobject_cast<SettingsDialog *>(QApplication::activeModalWidget()));
        QApplication::activeModalWidget()->close();
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
