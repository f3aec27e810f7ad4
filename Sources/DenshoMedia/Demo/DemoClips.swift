import DenshoDomain
import Foundation

/// The demo library: two work procedures as a veteran would teach them, one step per scene with
/// its 急所 (key point) as the caption. Backgrounds alternate dark and bright so that each step
/// change is a hard cut scene detection finds (similar brightness would hide it).
public enum DemoClips {
    /// One work step of a demo clip: a coloured scene with its title and 急所 as captions.
    public struct Scene: Sendable {
        public var title: String
        public var caption: String
        /// A colour libavfilter knows (`0x1f4e79`, `darkgreen`).
        public var color: String
        public var seconds: Double

        public init(title: String, caption: String, color: String, seconds: Double) {
            self.title = title
            self.caption = caption
            self.color = color
            self.seconds = seconds
        }
    }

    public struct Spec: Sendable {
        public var title: String
        public var fileName: String
        public var tags: [String]
        /// Skill codes the clip teaches.
        public var skills: [String]
        public var scenes: [Scene]
        /// 急所の理由 for each scene, for the demo's video manual.
        public var reasons: [String]

        /// The TWI job breakdown of this clip: one step per scene, at the scene's start.
        public func manualSteps() -> [ManualStep] {
            var start = 0.0
            return zip(scenes, reasons).map { scene, reason in
                defer { start += scene.seconds }
                let main = String(scene.title.drop { $0 != " " }.dropFirst())
                let key = String(scene.caption.replacingOccurrences(of: "急所 ", with: ""))
                return ManualStep(mainStep: main, keyPoint: key, reason: reason, start: start, end: start + scene.seconds)
            }
        }
    }

    public static let all: [Spec] = [
        Spec(title: "NC旋盤 段取りの基本", fileName: "nc-lathe-setup.mp4", tags: ["段取り", "旋盤"], skills: ["L03", "L01"],
             scenes: [
                .init(title: "① 図面と材料を確認", caption: "急所 材質と寸法を声に出して確認する", color: "0x102a43", seconds: 4),
                .init(title: "② 材料をチャックに固定", caption: "急所 突き出しは直径の3倍以内", color: "0x2f80c0", seconds: 4),
                .init(title: "③ 刃先を合わせる", caption: "急所 刃先の高さを主軸の中心に合わせる", color: "0x1b3a1b", seconds: 4),
                .init(title: "④ 試し削りと測定", caption: "急所 初品はマイクロメータで全箇所測る", color: "0x4c9a2a", seconds: 4),
             ],
             reasons: ["材料違いは後工程で見つけても取り返せない", "長いとびびりが出て寸法が安定しない",
                       "中心からずれると端面にへそが残る", "段取りの誤りは初品でしか止められない"]),
        Spec(title: "TIG溶接 ステンレス薄板", fileName: "tig-stainless.mp4", tags: ["溶接", "TIG"], skills: ["W03"],
             scenes: [
                .init(title: "① 開先の清掃", caption: "急所 アセトンで油分を残さず拭き取る", color: "0x1a1a2e", seconds: 4),
                .init(title: "② 電極の研磨", caption: "急所 先端の角度は約30度にそろえる", color: "0x5a6b8c", seconds: 4),
                .init(title: "③ 仮付け", caption: "急所 両端から50mm間隔で順に", color: "0x2b1b3b", seconds: 4),
                .init(title: "④ 本溶接", caption: "急所 トーチ角度70〜80度を保つ", color: "0x9a5b2f", seconds: 4),
             ],
             reasons: ["油分はブローホールの原因になる", "角度がばらつくとアークが広がり薄板に穴があく",
                       "熱ひずみで開先がずれるのを防ぐ", "角度が寝るとシールドガスが届かず酸化する"]),
    ]
}
