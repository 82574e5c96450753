import { render } from "preact";
import { App } from "./app.tsx";
import "./styles/base.css";
import "./styles/auth.css";
import "./styles/layout.css";
import "./styles/chat.css";
import "./styles/info.css";

render(<App />, document.getElementById("app")!);
