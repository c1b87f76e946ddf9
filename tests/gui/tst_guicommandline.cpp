// strata-gui's command line as a script or a package check meets it: --help and --version
// answer without any display, and the man page documents every option the help lists.

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

class TestGuiCommandLine : public QObject
{
    Q_OBJECT

    // Runs strata-gui with no display of any kind and no Qt platform chosen.
    static QProcess *run(const QStringList &arguments, QObject *parent)
    {
        auto *process = new QProcess(parent);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QLatin1String(name));
        process->setProcessEnvironment(env);
        process->start(QStringLiteral(STRATA_GUI_BINARY), arguments);
        return process;
    }

private Q_SLOTS:
    void helpNeedsNoDisplay()
    {
        QProcess *p = run({QStringLiteral("--help")}, this);
        QVERIFY(p->waitForFinished(60000));
        const QString out = QString::fromUtf8(p->readAllStandardOutput());
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
        QVERIFY2(p->exitCode() == 0, qPrintable(QString::fromUtf8(p->readAllStandardError())));
        for (const char *option :
             {"--project", "--url", "--edit", "--screenshot", "--screenshot-delay", "--version"})
            QVERIFY2(out.contains(QLatin1String(option)), option);
    }

    void versionNeedsNoDisplay()
    {
        for (const QString &word : {QStringLiteral("--version"), QStringLiteral("-v")}) {
            QProcess *p = run({word}, this);
            QVERIFY(p->waitForFinished(60000));
            QCOMPARE(p->exitCode(), 0);
            QCOMPARE(QString::fromUtf8(p->readAllStandardOutput()).trimmed(),
                     QStringLiteral("strata-gui " STRATA_VERSION_STRING));
        }
    }

    void anUnknownOptionIsAnErrorNotACrash()
    {
        QProcess *p = run({QStringLiteral("--no-such-option"), QStringLiteral("--help")}, this);
        QVERIFY(p->waitForFinished(60000));
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
    }

    // Every option --help lists is in the man page.
    void theManPageDocumentsEveryOption()
    {
        QProcess *p = run({QStringLiteral("--help")}, this);
        QVERIFY(p->waitForFinished(60000));
        const QString help = QString::fromUtf8(p->readAllStandardOutput());
        QFile page(QStringLiteral(STRATA_SOURCE_DIR "/packaging/strata-gui.1"));
        QVERIFY(page.open(QIODevice::ReadOnly));
        // roff escapes its hyphens: "\-\-screenshot\-delay".
        const QString man = QString::fromUtf8(page.readAll()).remove(QLatin1Char('\\'));
        static const QRegularExpression option(QStringLiteral("--[a-z][a-z-]*"));
        QStringList missing;
        for (auto it = option.globalMatch(help); it.hasNext();) {
            const QString name = it.next().captured();
            if (name != QLatin1String("--help-all") && !man.contains(name))
                missing.append(name);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1String(", "))));
        QVERIFY(man.contains(QStringLiteral("--screenshot")));
    }
};

QTEST_GUILESS_MAIN(TestGuiCommandLine)
#include "tst_guicommandline.moc"
