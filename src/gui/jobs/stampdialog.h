#pragma once

#include <QDialog>
#include <QStringList>

#include <memory>

namespace Ui {
class StampDialog;
}

namespace strata::gui {

// Asks which revisions to stamp, and whether to purge the version table first. What will
// change is confirmed afterwards, like every run, with the plan's steps listed.
class StampDialog : public QDialog
{
    Q_OBJECT

public:
    explicit StampDialog(const QString &suggested, QWidget *parent = nullptr);
    ~StampDialog() override;

    QStringList targets() const;
    bool purge() const;

private:
    std::unique_ptr<Ui::StampDialog> m_ui;
};

} // namespace strata::gui
