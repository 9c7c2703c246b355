//! The invitation (评审邀请函) of an expert in the letter format (`letter.rs`), with the year's
//! pledge (评审专家承诺书) as its attachment on the following page, printed in full for the
//! expert to sign. What it says comes from the desk (`desk::invitations`).

use chrono::NaiveDate;

use super::letter::{keep_with_signature, letter_head, letter_styles, sign};
use super::letters::{contact_line, letter_number};
use super::{Issuer, PdfExporter};
use crate::dates::cn_date;
use crate::desk::{Invitation, Invitations, PLEDGE_SIGNATURE_LINE};
use crate::error::Result;
use crate::export::layout::{zihao, Document, Face, Image, Style};

impl PdfExporter {
    /// One expert's invitation and the pledge after it into `doc` (from a new page unless `first`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn invitation_into(
        &self,
        doc: &mut Document,
        issuer: &Issuer,
        set: &Invitations,
        l: &Invitation,
        issued: NaiveDate,
        seal: Option<&Image>,
        first: bool,
    ) -> Result<()> {
        let st = letter_styles(doc.page_setup());
        let number = letter_number(set.doc_number.as_deref(), issuer, l.year, "邀请", l.order);
        letter_head(doc, issuer, &number, &format!("关于邀请参加{}年度企业科协组织建设\n评审工作的函", l.year), first);
        doc.paragraph(&format!("{}专家：", l.expert), &st.flush);
        doc.paragraph(
            &format!(
                "{}年度企业科协工作“试点示范”和“后补助”申报工作已于{}截止受理，经形式审查，现进入专家评审阶段。您长期从事相关工作，具有丰富的专业经验，特邀请您担任本年度评审专家。经随机抽签分配，请您评审申报材料{}份。",
                l.year,
                cn_date(set.review_from),
                l.dossiers
            ),
            &st.body,
        );
        doc.paragraph("一、评审时间", &st.heading);
        doc.paragraph(
            &format!(
                "评审在申报截止（{}）后进行，须在{}前完成，以便评审结果公示、发布和经费拨付。请在收到评审材料包后按秘书处通知的时间完成评分并交回评分结果。",
                cn_date(set.review_from),
                cn_date(set.review_before)
            ),
            &st.body,
        );
        doc.paragraph("二、评审材料的送达", &st.heading);
        doc.paragraph(
            "秘书处将为您单独制作经签名和加密的评审材料包（扩展名为 .pingshen 的文件），通过电子邮件或移动存储介质送达；打开材料包的口令另行通过电话或短信告知，不与材料包同时发送。请在评审台“打开评审材料包”中选择该文件并输入口令，完成评分后导出经签名的评分结果文件交回秘书处。材料包及口令仅限本人使用，请勿转交他人。",
            &st.body,
        );
        doc.paragraph("三、评审纪律", &st.heading);
        doc.paragraph(
            "请认真阅读附件《评审专家承诺书》。首次评分前须在评审台中确认承诺（输入本人姓名并选择“我已阅读并承诺”），确认前评分无法保存；以纸质评分表评审的，请签署承诺书后随评分表一并交回。与申报单位存在利害关系的，请在评审前向秘书处申明并回避。",
            &st.body,
        );
        doc.paragraph("四、联系方式", &st.heading);
        doc.paragraph(&contact_line(issuer), &st.body);
        let thanks = "感谢您对企业科协组织建设工作的支持。";
        let attachment = format!("附件：{}", set.pledge.text.title);
        let last_h = doc.paragraph_height(thanks, &st.body) + st.pitch + doc.paragraph_height(&attachment, &st.body);
        keep_with_signature(doc, last_h, &st.body, seal);
        doc.paragraph(thanks, &st.body);
        doc.space(st.pitch);
        doc.paragraph(&attachment, &st.body);
        doc.space(st.pitch);
        sign(doc, &issuer.name, &cn_date(issued), &st.body, seal);
        // the attachment: the pledge in full, from a new page
        doc.new_page();
        doc.paragraph("附件", &st.heading.clone().indent(0.0));
        doc.paragraph(
            &set.pledge.text.title,
            &Style::title(zihao::ER).face(Face::SansBold).pitch(st.pitch * 1.4).after(st.pitch),
        );
        for p in set.pledge.text.paragraphs() {
            doc.paragraph(&p, &st.body);
        }
        doc.space(st.pitch * 2.0);
        doc.ensure_space(st.pitch * 2.0);
        doc.paragraph(PLEDGE_SIGNATURE_LINE, &st.body.clone().indent(0.0).align(super::super::layout::Align::Right));
        Ok(())
    }
}
