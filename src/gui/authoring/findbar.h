#pragma once

#include <QPointer>
#include <QWidget>

#include <memory>

class QsciScintilla;

namespace Ui {
class FindBar;
}

namespace strata::gui {

// Find and replace under an editor: next, previous, replace, replace all; match case, whole
// words, regular expressions. Hidden until asked for (Ctrl+F, Ctrl+H).
class FindBar : public QWidget
{
    Q_OBJECT

public:
    explicit FindBar(QWidget *parent = nullptr);
    ~FindBar() override;

    void setEditor(QsciScintilla *editor);
    // Shows the bar with the editor's selection (if any) as the text to find.
    void showFind(bool withReplace);

    bool findNext(bool forward = true);
    bool replaceCurrent();
    int replaceAll();
    QString findText() const;
    void setFindText(const QString &text);
    void setReplaceText(const QString &text);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void setStatus(const QString &text);

    std::unique_ptr<Ui::FindBar> m_ui;
    QPointer<QsciScintilla> m_editor;
};

} // namespace strata::gui
